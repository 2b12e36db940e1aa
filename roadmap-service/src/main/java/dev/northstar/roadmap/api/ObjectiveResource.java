package dev.northstar.roadmap.api;

import dev.northstar.contracts.Roles;
import dev.northstar.platform.api.IdempotencyKeys;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.platform.security.AlsoWritableBy;
import dev.northstar.roadmap.api.ObjectiveDtos.EditObjectiveRequest;
import dev.northstar.roadmap.api.ObjectiveDtos.KeyResultRequest;
import dev.northstar.roadmap.api.ObjectiveDtos.KeyResultView;
import dev.northstar.roadmap.api.ObjectiveDtos.MeasurementRequest;
import dev.northstar.roadmap.api.ObjectiveDtos.MeasurementView;
import dev.northstar.roadmap.api.ObjectiveDtos.ObjectiveView;
import dev.northstar.roadmap.api.ObjectiveDtos.ReviseKeyResultRequest;
import dev.northstar.roadmap.api.ObjectiveDtos.SetObjectiveRequest;
import dev.northstar.roadmap.application.ObjectiveCommands;
import dev.northstar.roadmap.application.RoadmapRepositories;
import dev.northstar.roadmap.domain.KeyResult;
import dev.northstar.roadmap.domain.Objective;
import dev.northstar.roadmap.domain.ObjectivePeriod;
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
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/products/{productId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Objectives and key results", description = "A product's objectives per period, their key results (one may be the product's north star), the themes and initiatives serving them, and measurements of key results from outside")
public class ObjectiveResource {
    private final ObjectiveCommands commands;
    private final AggregateStates states;
    private final RequestMetadata request;
    private final IdempotencyKeys idempotency;

    public ObjectiveResource(ObjectiveCommands commands, AggregateStates states, RequestMetadata request,
                             IdempotencyKeys idempotency) {
        this.commands = commands;
        this.states = states;
        this.request = request;
        this.idempotency = idempotency;
    }

    @POST
    @Path("/objectives")
    @Operation(summary = "Set an objective for a period with its key results, and the themes and initiatives serving it")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "201", responseDescription = "The objective, with its version in ETag and its address in Location")
    public Response set(@PathParam("productId") UUID productId, @HeaderParam(IdempotencyKeys.HEADER) String key,
                        @Valid @NotNull SetObjectiveRequest body) {
        return idempotency.create("objectives:" + productId, key, body, () -> {
            List<KeyResult.Draft> drafts = body.keyResults() == null ? List.of()
                    : body.keyResults().stream().map(KeyResultRequest::draft).toList();
            ObjectiveView view = view(commands.set(productId, body.title(), body.period(), drafts, body.themeIds(),
                    body.initiativeIds(), request.newEventMetadata()));
            return new IdempotencyKeys.Created(URI.create("/api/v1/products/" + productId + "/objectives/" + view.id()),
                    Versions.etag(view.version()), view);
        });
    }

    @GET
    @Path("/objectives")
    @Operation(summary = "The product's objectives, by period (latest first)")
    public List<ObjectiveView> list(@PathParam("productId") UUID productId) {
        return states.ofProduct(RoadmapRepositories.OBJECTIVE, productId, Objective.class).stream()
                .map(ObjectiveResource::view)
                .sorted(Comparator.comparing(ObjectiveView::periodStart).reversed()
                        .thenComparing(ObjectiveView::periodEnd).thenComparing(ObjectiveView::createdAt))
                .toList();
    }

    @GET
    @Path("/objectives/{objectiveId}")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "200", responseDescription = "The objective, with its version in ETag")
    public Response get(@PathParam("productId") UUID productId, @PathParam("objectiveId") UUID objectiveId) {
        return ok(states.find(RoadmapRepositories.OBJECTIVE, objectiveId, Objective.class)
                .filter(o -> o.state().productId().equals(productId))
                .orElseThrow(() -> ProblemException.notFound("objective " + objectiveId)));
    }

    @PATCH
    @Path("/objectives/{objectiveId}")
    @Operation(summary = "Change an objective's title or period; omitted fields stay")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "200", responseDescription = "The objective as it is now, with its new version in ETag")
    public Response edit(@PathParam("productId") UUID productId, @PathParam("objectiveId") UUID objectiveId,
                         @HeaderParam("If-Match") String ifMatch, @Valid @NotNull EditObjectiveRequest body) {
        return ok(commands.edit(productId, objectiveId, body.title(), body.period(), ifMatch, request.newEventMetadata()));
    }

    @POST
    @Path("/objectives/{objectiveId}/key-results")
    @Operation(summary = "Add a key result to an objective (at most 10)")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "201", responseDescription = "The objective with the new key result last, its new version in ETag and the key result's address in Location")
    public Response addKeyResult(@PathParam("productId") UUID productId, @PathParam("objectiveId") UUID objectiveId,
                                 @HeaderParam("If-Match") String ifMatch, @Valid @NotNull KeyResultRequest body) {
        ObjectiveView view = view(commands.addKeyResult(productId, objectiveId, body.draft(), ifMatch, request.newEventMetadata()));
        UUID added = view.keyResults().getLast().id();
        return Response.created(URI.create("/api/v1/products/" + productId + "/key-results/" + added))
                .entity(view).header("ETag", Versions.etag(view.version())).build();
    }

    @GET
    @Path("/key-results")
    @Operation(summary = "Every key result of the product, the north star first, then by objective")
    public List<KeyResultView> keyResults(@PathParam("productId") UUID productId) {
        return list(productId).stream().flatMap(o -> o.keyResults().stream())
                .sorted(Comparator.comparing(KeyResultView::northStar).reversed())
                .toList();
    }

    @GET
    @Path("/key-results/{keyResultId}")
    public KeyResultView keyResult(@PathParam("productId") UUID productId, @PathParam("keyResultId") UUID keyResultId) {
        return keyResults(productId).stream().filter(k -> k.id().equals(keyResultId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("key result " + keyResultId));
    }

    @PATCH
    @Path("/key-results/{keyResultId}")
    @Operation(summary = "Change a key result's baseline, target, unit, due date or north-star mark; If-Match takes the objective's ETag")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "200", responseDescription = "The objective as it is now, with its new version in ETag")
    public Response reviseKeyResult(@PathParam("productId") UUID productId, @PathParam("keyResultId") UUID keyResultId,
                                    @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ReviseKeyResultRequest body) {
        return ok(commands.reviseKeyResult(productId, keyResultId, body.draft(), ifMatch, request.newEventMetadata()));
    }

    @DELETE
    @Path("/key-results/{keyResultId}")
    @Operation(summary = "Remove a key result from its objective; If-Match takes the objective's ETag")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "200", responseDescription = "The objective as it is now, with its new version in ETag")
    public Response removeKeyResult(@PathParam("productId") UUID productId, @PathParam("keyResultId") UUID keyResultId,
                                    @HeaderParam("If-Match") String ifMatch) {
        return ok(commands.removeKeyResult(productId, keyResultId, ifMatch, request.newEventMetadata()));
    }

    @POST
    @Path("/key-results/{keyResultId}/measurements")
    @AlsoWritableBy(Roles.CONTRIBUTOR)
    @Operation(summary = "Report a value of a key result's metric from outside (usage, revenue); only for MEASURED key results")
    @APIResponseSchema(value = MeasurementView.class, responseCode = "201", responseDescription = "The measurement as recorded")
    public Response measure(@PathParam("productId") UUID productId, @PathParam("keyResultId") UUID keyResultId,
                            @HeaderParam(IdempotencyKeys.HEADER) String key, @Valid @NotNull MeasurementRequest body) {
        return idempotency.create("measurements:" + keyResultId, key, body, () -> {
            ObjectiveCommands.Measured measured = commands.measure(productId, keyResultId, body.value(), body.at(),
                    request.newEventMetadata());
            MeasurementView view = new MeasurementView(keyResultId, measured.objectiveId(), measured.measurement().value(),
                    measured.measurement().at());
            return new IdempotencyKeys.Created(URI.create("/api/v1/products/" + productId + "/key-results/" + keyResultId),
                    Versions.etag(measured.version()), view);
        });
    }

    @PUT
    @Path("/objectives/{objectiveId}/themes/{themeId}")
    @Operation(summary = "The theme serves the objective")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "200", responseDescription = "The objective as it is now, with its new version in ETag")
    public Response linkTheme(@PathParam("productId") UUID productId, @PathParam("objectiveId") UUID objectiveId,
                              @PathParam("themeId") UUID themeId, @HeaderParam("If-Match") String ifMatch) {
        return ok(commands.linkTheme(productId, objectiveId, themeId, ifMatch, request.newEventMetadata()));
    }

    @DELETE
    @Path("/objectives/{objectiveId}/themes/{themeId}")
    @Operation(summary = "The theme no longer serves the objective")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "200", responseDescription = "The objective as it is now, with its new version in ETag")
    public Response unlinkTheme(@PathParam("productId") UUID productId, @PathParam("objectiveId") UUID objectiveId,
                                @PathParam("themeId") UUID themeId, @HeaderParam("If-Match") String ifMatch) {
        return ok(commands.unlink(productId, objectiveId, Objective.Serving.THEME, themeId, ifMatch, request.newEventMetadata()));
    }

    @PUT
    @Path("/objectives/{objectiveId}/initiatives/{initiativeId}")
    @Operation(summary = "The initiative serves the objective")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "200", responseDescription = "The objective as it is now, with its new version in ETag")
    public Response linkInitiative(@PathParam("productId") UUID productId, @PathParam("objectiveId") UUID objectiveId,
                                   @PathParam("initiativeId") UUID initiativeId, @HeaderParam("If-Match") String ifMatch) {
        return ok(commands.linkInitiative(productId, objectiveId, initiativeId, ifMatch, request.newEventMetadata()));
    }

    @DELETE
    @Path("/objectives/{objectiveId}/initiatives/{initiativeId}")
    @Operation(summary = "The initiative no longer serves the objective")
    @APIResponseSchema(value = ObjectiveView.class, responseCode = "200", responseDescription = "The objective as it is now, with its new version in ETag")
    public Response unlinkInitiative(@PathParam("productId") UUID productId, @PathParam("objectiveId") UUID objectiveId,
                                     @PathParam("initiativeId") UUID initiativeId, @HeaderParam("If-Match") String ifMatch) {
        return ok(commands.unlink(productId, objectiveId, Objective.Serving.INITIATIVE, initiativeId, ifMatch, request.newEventMetadata()));
    }

    private static Response ok(Versioned<Objective> objective) {
        ObjectiveView view = view(objective);
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    static ObjectiveView view(Versioned<Objective> v) {
        Objective o = v.state();
        ObjectivePeriod period = ObjectivePeriod.parse(o.period());
        List<KeyResultView> keyResults = o.keyResults().stream().map(k -> {
            Objective.Measurement latest = o.latestMeasurements().get(k.id());
            return new KeyResultView(k.id(), o.id(), k.metric(), k.source(), k.unit(), k.baseline(), k.target(), k.direction(),
                    k.dueDate(), k.northStar(),
                    latest == null ? null : new MeasurementView(k.id(), o.id(), latest.value(), latest.at()));
        }).toList();
        return new ObjectiveView(o.id(), o.productId(), o.title(), o.period(), period.start(), period.end(), keyResults,
                o.themeIds(), o.initiativeIds(), v.version(), v.createdAt(), v.updatedAt());
    }
}
