package dev.northstar.roadmap.api;

import dev.northstar.platform.api.IdempotencyKeys;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.roadmap.api.RoadmapDtos.PlanReleaseRequest;
import dev.northstar.roadmap.api.RoadmapDtos.ReleaseView;
import dev.northstar.roadmap.api.RoadmapDtos.RescheduleRequest;
import dev.northstar.roadmap.api.RoadmapDtos.ShipRequest;
import dev.northstar.roadmap.application.RoadmapCommands;
import dev.northstar.roadmap.application.RoadmapRepositories;
import dev.northstar.roadmap.domain.Release;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/products/{productId}/releases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Releases", description = "Planned releases and the initiatives scheduled into them")
public class ReleaseResource {
    private final RoadmapCommands commands;
    private final AggregateStates states;
    private final RequestMetadata request;
    private final IdempotencyKeys idempotency;

    public ReleaseResource(RoadmapCommands commands, AggregateStates states, RequestMetadata request, IdempotencyKeys idempotency) {
        this.commands = commands;
        this.states = states;
        this.request = request;
        this.idempotency = idempotency;
    }

    @POST
    @Operation(summary = "Plan a release: name, target date and (optionally) its initiatives")
    @APIResponseSchema(value = ReleaseView.class, responseCode = "201", responseDescription = "The release, with its version in ETag and its address in Location")
    public Response plan(@PathParam("productId") UUID productId, @HeaderParam(IdempotencyKeys.HEADER) String key,
                         @Valid @NotNull PlanReleaseRequest body) {
        return idempotency.create("releases:" + productId, key, body, () -> {
            ReleaseView view = view(commands.planRelease(productId, body.name(), body.targetDate(), body.initiativeIds(),
                    request.newEventMetadata()));
            return new IdempotencyKeys.Created(URI.create("/api/v1/products/" + productId + "/releases/" + view.id()),
                    Versions.etag(view.version()), view);
        });
    }

    @GET
    public List<ReleaseView> list(@PathParam("productId") UUID productId) {
        return states.ofProduct(RoadmapRepositories.RELEASE, productId, Release.class).stream().map(ReleaseResource::view).toList();
    }

    @GET
    @Path("/{releaseId}")
    @APIResponseSchema(value = ReleaseView.class, responseCode = "200", responseDescription = "The release, with its version in ETag")
    public Response get(@PathParam("productId") UUID productId, @PathParam("releaseId") UUID releaseId) {
        return ok(states.find(RoadmapRepositories.RELEASE, releaseId, Release.class)
                .filter(r -> r.state().productId().equals(productId))
                .orElseThrow(() -> ProblemException.notFound("release " + releaseId)));
    }

    @PATCH
    @Path("/{releaseId}")
    @Operation(summary = "Move the release's target date")
    @APIResponseSchema(value = ReleaseView.class, responseCode = "200", responseDescription = "The release as it is now, with its new version in ETag")
    public Response reschedule(@PathParam("productId") UUID productId, @PathParam("releaseId") UUID releaseId,
                               @HeaderParam("If-Match") String ifMatch, @Valid @NotNull RescheduleRequest body) {
        return ok(commands.reschedule(productId, releaseId, body.targetDate(), ifMatch, request.newEventMetadata()));
    }

    @POST
    @Path("/{releaseId}/ship")
    @Operation(summary = "Ship the release (now, or at a past shippedAt): its notes and the changelog follow on analytics-service, "
            + "and analytics compares the product's metrics before and after it")
    @APIResponseSchema(value = ReleaseView.class, responseCode = "200", responseDescription = "The release as it is now, with its new version in ETag")
    public Response ship(@PathParam("productId") UUID productId, @PathParam("releaseId") UUID releaseId,
                         @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ShipRequest body) {
        return ok(commands.ship(productId, releaseId, body.shippedAt(), ifMatch, request.newEventMetadata()));
    }

    @PUT
    @Path("/{releaseId}/initiatives/{initiativeId}")
    @Operation(summary = "Put an initiative in the release")
    @APIResponseSchema(value = ReleaseView.class, responseCode = "200", responseDescription = "The release as it is now, with its new version in ETag")
    public Response schedule(@PathParam("productId") UUID productId, @PathParam("releaseId") UUID releaseId,
                             @PathParam("initiativeId") UUID initiativeId, @HeaderParam("If-Match") String ifMatch) {
        return ok(commands.schedule(productId, releaseId, initiativeId, ifMatch, request.newEventMetadata()));
    }

    @DELETE
    @Path("/{releaseId}/initiatives/{initiativeId}")
    @Operation(summary = "Take an initiative out of the release")
    @APIResponseSchema(value = ReleaseView.class, responseCode = "200", responseDescription = "The release as it is now, with its new version in ETag")
    public Response unschedule(@PathParam("productId") UUID productId, @PathParam("releaseId") UUID releaseId,
                               @PathParam("initiativeId") UUID initiativeId, @HeaderParam("If-Match") String ifMatch) {
        return ok(commands.unschedule(productId, releaseId, initiativeId, ifMatch, request.newEventMetadata()));
    }

    private static Response ok(Versioned<Release> release) {
        ReleaseView view = view(release);
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    static ReleaseView view(Versioned<Release> v) {
        Release r = v.state();
        return new ReleaseView(r.id(), r.productId(), r.name(), r.targetDate(), r.initiativeIds(), r.shippedAt(), v.version(),
                v.createdAt(), v.updatedAt());
    }
}
