package dev.northstar.roadmap.api;

import dev.northstar.platform.api.EventHistory;
import dev.northstar.platform.api.IdempotencyKeys;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.QueryParams;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.Versioned;
import dev.northstar.roadmap.api.RoadmapDtos.AddInitiativeRequest;
import dev.northstar.roadmap.api.RoadmapDtos.DropRequest;
import dev.northstar.roadmap.api.RoadmapDtos.EditInitiativeRequest;
import dev.northstar.roadmap.api.RoadmapDtos.BusinessCaseRequest;
import dev.northstar.roadmap.api.RoadmapDtos.BusinessCaseView;
import dev.northstar.roadmap.api.RoadmapDtos.HealthRequest;
import dev.northstar.roadmap.api.RoadmapDtos.InitiativeView;
import dev.northstar.roadmap.api.RoadmapDtos.MoveRequest;
import dev.northstar.roadmap.api.RoadmapDtos.StatusRequest;
import dev.northstar.roadmap.application.RoadmapCommands;
import dev.northstar.roadmap.application.RoadmapRepositories;
import dev.northstar.roadmap.domain.BusinessCase;
import dev.northstar.roadmap.domain.Initiative;
import dev.northstar.roadmap.domain.InitiativeStatus;
import dev.northstar.roadmap.readmodel.RoadmapQueries;
import dev.northstar.roadmap.readmodel.RoadmapView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/products/{productId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Initiatives and roadmap", description = "Initiatives by horizon (now, next, later), their status and rank, and the roadmap they make")
public class InitiativeResource {
    private final RoadmapCommands commands;
    private final RoadmapQueries queries;
    private final AggregateStates states;
    private final RequestMetadata request;
    private final IdempotencyKeys idempotency;
    private final EventHistory history;

    public InitiativeResource(RoadmapCommands commands, RoadmapQueries queries, AggregateStates states,
                              RequestMetadata request, IdempotencyKeys idempotency, EventHistory history) {
        this.commands = commands;
        this.queries = queries;
        this.states = states;
        this.request = request;
        this.idempotency = idempotency;
        this.history = history;
    }

    @GET
    @Path("/roadmap")
    @Operation(summary = "The roadmap by horizon in rank order (or by the ROI of their business cases), optionally as it was at a past instant")
    public RoadmapView roadmap(@PathParam("productId") UUID productId, @QueryParam("asOf") String asOf,
                               @QueryParam("orderBy") String orderBy) {
        RoadmapView.Order order = orderBy == null ? RoadmapView.Order.RANK : switch (orderBy.strip().toUpperCase()) {
            case "RANK" -> RoadmapView.Order.RANK;
            case "ROI" -> RoadmapView.Order.ROI;
            default -> throw ProblemException.badRequest("orderBy", "must be rank or roi");
        };
        return queries.roadmap(productId, QueryParams.instant("asOf", asOf), order)
                .orElseThrow(() -> ProblemException.notFound("product " + productId));
    }

    @POST
    @Path("/initiatives")
    @Operation(summary = "Add an initiative to a horizon (last in it unless a rank is given); it starts PROPOSED")
    @APIResponseSchema(value = InitiativeView.class, responseCode = "201", responseDescription = "The initiative, with its version in ETag and its address in Location")
    public Response add(@PathParam("productId") UUID productId, @HeaderParam(IdempotencyKeys.HEADER) String key,
                        @Valid @NotNull AddInitiativeRequest body) {
        return idempotency.create("initiatives:" + productId, key, body, () -> {
            InitiativeView view = view(commands.addInitiative(productId, body.themeId(), body.title(), body.description(),
                    body.horizon(), body.targetQuarter(), body.rank(), body.successMetric(), request.newEventMetadata()));
            return new IdempotencyKeys.Created(uri(productId, view.id()), Versions.etag(view.version()), view);
        });
    }

    @GET
    @Path("/initiatives/{initiativeId}")
    @APIResponseSchema(value = InitiativeView.class, responseCode = "200", responseDescription = "The initiative, with its version in ETag")
    public Response get(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId) {
        Versioned<Initiative> initiative = states.find(RoadmapRepositories.INITIATIVE, initiativeId, Initiative.class)
                .filter(i -> i.state().productId().equals(productId))
                .orElseThrow(() -> ProblemException.notFound("initiative " + initiativeId));
        return ok(initiative);
    }

    @PATCH
    @Path("/initiatives/{initiativeId}")
    @Operation(summary = "Change title, description, success metric or theme; omitted fields stay")
    @APIResponseSchema(value = InitiativeView.class, responseCode = "200", responseDescription = "The initiative as it is now, with its new version in ETag")
    public Response edit(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId,
                         @HeaderParam("If-Match") String ifMatch, @Valid @NotNull EditInitiativeRequest body) {
        return ok(commands.editInitiative(productId, initiativeId, body.themeId(), body.title(), body.description(),
                body.successMetric(), ifMatch, request.newEventMetadata()));
    }

    @POST
    @Path("/initiatives/{initiativeId}/move")
    @Operation(summary = "Move to a horizon and a rank in it (1 = first; last when omitted); linked backlog items are reprioritized")
    @APIResponseSchema(value = InitiativeView.class, responseCode = "200", responseDescription = "The initiative as it is now, with its new version in ETag")
    public Response move(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId,
                         @HeaderParam("If-Match") String ifMatch, @Valid @NotNull MoveRequest body) {
        return ok(commands.moveInitiative(productId, initiativeId, body.horizon(), body.rank(), body.targetQuarter(), ifMatch,
                request.newEventMetadata()));
    }

    @POST
    @Path("/initiatives/{initiativeId}/status")
    @Operation(summary = "Change status: PROPOSED, PLANNED, IN_PROGRESS, DONE (drop with /drop)")
    @APIResponseSchema(value = InitiativeView.class, responseCode = "200", responseDescription = "The initiative as it is now, with its new version in ETag")
    public Response status(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull StatusRequest body) {
        if (body.status() == InitiativeStatus.DROPPED) {
            throw ProblemException.badRequest("status", "drop an initiative with POST .../drop and a reason");
        }
        return ok(commands.changeInitiativeStatus(productId, initiativeId, body.status(), ifMatch, request.newEventMetadata()));
    }

    @POST
    @Path("/initiatives/{initiativeId}/drop")
    @Operation(summary = "Drop an initiative, with a reason; its backlog items are demoted")
    @APIResponseSchema(value = InitiativeView.class, responseCode = "200", responseDescription = "The initiative as it is now, with its new version in ETag")
    public Response drop(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId,
                         @HeaderParam("If-Match") String ifMatch, @Valid @NotNull DropRequest body) {
        return ok(commands.dropInitiative(productId, initiativeId, body.reason(), ifMatch, request.newEventMetadata()));
    }

    @PUT
    @Path("/initiatives/{initiativeId}/business-case")
    @Operation(summary = "Set the initiative's business case: cost, expected value, confidence, time to value; ROI and payback follow")
    @APIResponseSchema(value = InitiativeView.class, responseCode = "200", responseDescription = "The initiative as it is now, with its new version in ETag")
    public Response businessCase(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId,
                                 @HeaderParam("If-Match") String ifMatch, @Valid @NotNull BusinessCaseRequest body) {
        BusinessCase proposed = BusinessCase.of(body.cost(), body.costUnit(), body.expectedValue(), body.valueKind(),
                body.keyResultId(), body.confidence(), body.timeToValueMonths());
        return ok(commands.makeBusinessCase(productId, initiativeId, proposed, ifMatch, request.newEventMetadata()));
    }

    @GET
    @Path("/initiatives/{initiativeId}/business-case/history")
    @Operation(summary = "Every business case the initiative had, oldest first, with the ROI and payback derived at the time")
    public List<EventHistory.Entry> businessCaseHistory(@PathParam("productId") UUID productId,
                                                        @PathParam("initiativeId") UUID initiativeId) {
        return history.of(productId, initiativeId, "initiative").stream()
                .filter(entry -> entry.type().equals("BusinessCaseSet")).toList();
    }

    @POST
    @Path("/initiatives/{initiativeId}/health")
    @Operation(summary = "Report how the initiative is going: ON_TRACK, AT_RISK or OFF_TRACK, and why; the latest shows on the roadmap and the dashboard")
    @APIResponseSchema(value = InitiativeView.class, responseCode = "200", responseDescription = "The initiative as it is now, with its new version in ETag")
    public Response reportHealth(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId,
                                 @HeaderParam("If-Match") String ifMatch, @Valid @NotNull HealthRequest body) {
        return ok(commands.reportHealth(productId, initiativeId, body.status(), body.text(), ifMatch, request.newEventMetadata()));
    }

    @GET
    @Path("/initiatives/{initiativeId}/health")
    @Operation(summary = "Every health report of the initiative, oldest first")
    public List<EventHistory.Entry> healthHistory(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId) {
        return history.of(productId, initiativeId, "initiative").stream()
                .filter(entry -> entry.type().equals("InitiativeHealthReported")).toList();
    }

    @GET
    @Path("/initiatives/{initiativeId}/history")
    @Operation(summary = "Every event of the initiative with actor and time")
    public List<EventHistory.Entry> history(@PathParam("productId") UUID productId, @PathParam("initiativeId") UUID initiativeId) {
        return history.of(productId, initiativeId, "initiative");
    }

    private Response ok(Versioned<Initiative> initiative) {
        InitiativeView view = view(initiative);
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    private InitiativeView view(Versioned<Initiative> v) {
        Initiative i = v.state();
        return new InitiativeView(i.id(), i.productId(), i.themeId(), i.title(), i.description(), i.horizon(),
                queries.rankOf(i), i.targetQuarter(), i.status(), i.status().allowedNext(), i.successMetric(), i.dropReason(),
                BusinessCaseView.of(i.businessCase()), i.businessCase() == null ? null : i.businessCase().roi(),
                i.businessCase() == null ? null : i.businessCase().paybackMonths(), i.health(), v.version(), v.createdAt(), v.updatedAt());
    }

    private static URI uri(UUID productId, UUID initiativeId) {
        return URI.create("/api/v1/products/" + productId + "/initiatives/" + initiativeId);
    }
}
