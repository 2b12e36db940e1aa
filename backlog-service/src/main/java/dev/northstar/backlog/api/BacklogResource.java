package dev.northstar.backlog.api;

import dev.northstar.backlog.api.BacklogDtos.Cause;
import dev.northstar.backlog.api.BacklogDtos.Components;
import dev.northstar.backlog.api.BacklogDtos.CreateItemRequest;
import dev.northstar.backlog.api.BacklogDtos.CreateItemsRequest;
import dev.northstar.backlog.api.BacklogDtos.CreatedItems;
import dev.northstar.backlog.api.BacklogDtos.CriterionRequest;
import dev.northstar.backlog.api.BacklogDtos.DiscardRequest;
import dev.northstar.backlog.api.BacklogDtos.EpicItem;
import dev.northstar.backlog.api.BacklogDtos.EpicProgress;
import dev.northstar.backlog.api.BacklogDtos.EpicRequest;
import dev.northstar.backlog.api.BacklogDtos.InitiativeLinkRequest;
import dev.northstar.backlog.api.BacklogDtos.ItemPage;
import dev.northstar.backlog.api.BacklogDtos.ItemView;
import dev.northstar.backlog.api.BacklogDtos.PinRequest;
import dev.northstar.backlog.api.BacklogDtos.PinView;
import dev.northstar.backlog.api.BacklogDtos.PriorityView;
import dev.northstar.backlog.api.BacklogDtos.TransitionRequest;
import dev.northstar.backlog.api.BacklogDtos.UpdateItemRequest;
import dev.northstar.backlog.application.BacklogItemCommands;
import dev.northstar.backlog.domain.Actor;
import dev.northstar.backlog.domain.CriterionVerdict;
import dev.northstar.contracts.Roles;
import dev.northstar.platform.security.AlsoWritableBy;
import dev.northstar.backlog.application.BacklogItems;
import dev.northstar.backlog.application.KnownRoadmap;
import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.BacklogItemEvent;
import dev.northstar.backlog.domain.ItemStatus;
import dev.northstar.backlog.domain.ItemType;
import dev.northstar.backlog.domain.NewItem;
import dev.northstar.backlog.domain.Priority;
import dev.northstar.backlog.domain.PriorityCause;
import dev.northstar.backlog.domain.ScoreInputs;
import dev.northstar.backlog.domain.ScoringModel;
import dev.northstar.backlog.domain.WorkflowStep;
import dev.northstar.backlog.readmodel.BacklogPosition;
import dev.northstar.backlog.readmodel.BacklogQueries;
import dev.northstar.backlog.readmodel.ItemFilter;
import dev.northstar.backlog.readmodel.ItemSnapshot;
import dev.northstar.platform.api.Cursors;
import dev.northstar.platform.api.EventHistory;
import dev.northstar.platform.api.IdempotencyKeys;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.api.QueryParams;
import dev.northstar.platform.api.RequestMetadata;
import dev.northstar.platform.api.Versions;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.eventstore.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

@Path("/api/v1/products/{productId}/backlog/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Backlog", description = "The product owner's backlog: items with stories, acceptance criteria and estimates, their WSJF priority and workflow")
public class BacklogResource {
    private static final String IF_MATCH = "If-Match";

    private final BacklogItemCommands commands;
    private final BacklogQueries queries;
    private final BacklogItems items;
    private final EventStore store;
    private final RequestMetadata request;
    private final IdempotencyKeys idempotency;
    private final Cursors cursors;
    private final EventHistory history;
    private final KnownRoadmap roadmap;

    public BacklogResource(BacklogItemCommands commands, BacklogQueries queries, BacklogItems items, EventStore store,
                           RequestMetadata request, IdempotencyKeys idempotency, Cursors cursors, EventHistory history,
                           KnownRoadmap roadmap) {
        this.commands = commands;
        this.queries = queries;
        this.items = items;
        this.store = store;
        this.request = request;
        this.idempotency = idempotency;
        this.cursors = cursors;
        this.history = history;
        this.roadmap = roadmap;
    }

    @POST
    @Operation(summary = "Add an item to the backlog")
    @APIResponseSchema(value = ItemView.class, responseCode = "201", responseDescription = "The item, with its version in ETag and its address in Location")
    public Response create(@PathParam("productId") UUID productId,
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @Valid @NotNull CreateItemRequest body) {
        String scope = "backlog-items:" + productId;
        return idempotency.create(scope, idempotencyKey, body, () -> {
            Versioned<BacklogItem> created = commands.create(productId, newItem(body), request.newEventMetadata());
            ItemView view = view(queries.find(productId, created.state().id()).orElseThrow());
            return new IdempotencyKeys.Created(itemUri(productId, view.id()), Versions.etag(view.version()), view);
        });
    }

    @POST
    @Path("batch")
    @Operation(summary = "Add up to 1,000 items to the backlog in one request, all or none",
            description = "Each item is validated as by the single create; a problem names the item by its index (items[3].title). "
                    + "The answer lists the created items in the order they were sent.")
    @APIResponseSchema(value = CreatedItems.class, responseCode = "201", responseDescription = "The items, in the order sent")
    public Response createAll(@PathParam("productId") UUID productId,
                              @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                              @Valid @NotNull CreateItemsRequest body) {
        String scope = "backlog-items-batch:" + productId;
        return idempotency.create(scope, idempotencyKey, body, () -> {
            List<NewItem> specs = body.items().stream().map(BacklogResource::newItem).toList();
            List<Versioned<BacklogItem>> created = commands.createAll(productId, specs, request.newEventMetadata());
            Map<UUID, Integer> ranks = queries.ranksOf(productId, created.stream().map(item -> item.state().id()).toList());
            List<ItemView> views = created.stream().map(item -> view(new ItemSnapshot(item.state(), item.version(),
                    item.createdAt(), item.updatedAt(), ranks.get(item.state().id())))).toList();
            return new IdempotencyKeys.Created(null, null, new CreatedItems(views));
        });
    }

    private static NewItem newItem(CreateItemRequest body) {
        return new NewItem(body.type(), body.title(), body.story() == null ? null : body.story().toDomain(),
                body.acceptanceCriteria(), body.jobSize(), body.businessValue(), body.timeCriticality(),
                body.riskReduction(), body.labels(), body.initiativeId(), body.parentId(), null,
                body.scoringInputs() == null ? null : ScoringDtos.inputsOf(body.scoringInputs()));
    }

    @GET
    @Operation(summary = "The backlog in priority order (highest WSJF score first), optionally as of a past instant. "
            + "Discarded items show only with ?status=DISCARDED; accepted and discarded items have no rank.")
    public ItemPage list(@PathParam("productId") UUID productId,
                         @QueryParam("status") String status,
                         @QueryParam("type") String type,
                         @QueryParam("label") String label,
                         @QueryParam("initiativeId") String initiativeId,
                         @QueryParam("parentId") String parentId,
                         @QueryParam("asOf") String asOf,
                         @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        if (!roadmap.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        ItemFilter filter = new ItemFilter(
                QueryParams.enumValue("status", status, ItemStatus.class),
                QueryParams.enumValue("type", type, ItemType.class),
                label == null || label.isBlank() ? null : label.strip(),
                QueryParams.uuid("initiativeId", initiativeId),
                QueryParams.uuid("parentId", parentId));
        int pageSize = QueryParams.limit(limit, 50, 200);
        BacklogPosition after = cursor == null || cursor.isBlank() ? null : cursors.decode(cursor, BacklogPosition.class);
        Instant at = QueryParams.instant("asOf", asOf);
        BacklogQueries.Page page = at == null
                ? queries.list(productId, filter, after, pageSize)
                : queries.listAsOf(productId, at, filter, after, pageSize);
        return new ItemPage(page.items().stream().map(BacklogResource::view).toList(),
                page.next() == null ? null : cursors.encode(page.next()));
    }

    @GET
    @Path("/{itemId}")
    @Operation(summary = "One item, optionally as of a past instant; the ETag is its version",
            description = "With asOf the item is folded from its own events up to then and has no rank (ranks as of a "
                    + "past instant come with the backlog list's asOf, which folds the whole backlog).")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item, with its version in ETag")
    public Response get(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                        @QueryParam("asOf") String asOf) {
        Instant at = QueryParams.instant("asOf", asOf);
        if (at == null) {
            return current(productId, itemId);
        }
        ItemView view = view(queries.findAsOf(productId, itemId, at)
                .orElseThrow(() -> ProblemException.notFound("backlog item " + itemId)));
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }

    @PATCH
    @Path("/{itemId}")
    @Operation(summary = "Change type, title, story, estimate, cost-of-delay inputs or labels; omitted fields stay")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response update(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                           @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull UpdateItemRequest body) {
        return apply(productId, itemId, ifMatch, item -> {
            long itemsInEpic = item.type() == ItemType.EPIC && body.type() != null && body.type() != ItemType.EPIC
                    ? queries.itemsOfEpicByStatus(item.id()).values().stream().mapToLong(Long::longValue).sum() : 0;
            List<BacklogItemEvent> events = new ArrayList<>(item.editDetails(body.type(), body.title(),
                    body.story() == null ? null : body.story().toDomain(), itemsInEpic));
            if (body.jobSize() != null) {
                events.addAll(item.estimate(body.jobSize()));
            }
            if (body.businessValue() != null || body.timeCriticality() != null || body.riskReduction() != null) {
                events.addAll(item.assessCostOfDelay(body.businessValue(), body.timeCriticality(), body.riskReduction()));
            }
            if (body.labels() != null) {
                events.addAll(item.label(body.labels()));
            }
            return events;
        });
    }

    @POST
    @Path("/{itemId}/acceptance-criteria")
    @Operation(summary = "Add an acceptance criterion; the answer is the item, the new criterion last")
    @APIResponseSchema(value = ItemView.class, responseCode = "201", responseDescription = "The item with the new criterion, with its new version in ETag")
    public Response addCriterion(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                                 @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull CriterionRequest body) {
        UUID criterionId = UUID.randomUUID();
        Response response = apply(productId, itemId, ifMatch, item -> item.addCriterion(criterionId, body.text()));
        return Response.fromResponse(response).status(201)
                .location(URI.create(itemUri(productId, itemId) + "/acceptance-criteria/" + criterionId)).build();
    }

    @PUT
    @Path("/{itemId}/acceptance-criteria/{criterionId}")
    @Operation(summary = "Edit an acceptance criterion")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response editCriterion(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                                  @PathParam("criterionId") UUID criterionId, @HeaderParam(IF_MATCH) String ifMatch,
                                  @Valid @NotNull CriterionRequest body) {
        return apply(productId, itemId, ifMatch, item -> item.editCriterion(criterionId, body.text()));
    }

    @DELETE
    @Path("/{itemId}/acceptance-criteria/{criterionId}")
    @Operation(summary = "Remove an acceptance criterion")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response removeCriterion(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                                    @PathParam("criterionId") UUID criterionId, @HeaderParam(IF_MATCH) String ifMatch) {
        return apply(productId, itemId, ifMatch, item -> item.removeCriterion(criterionId));
    }

    @PUT
    @Path("/{itemId}/initiative")
    @Operation(summary = "Link the item to a roadmap initiative (replacing any previous link)")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response link(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                         @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull InitiativeLinkRequest body) {
        commands.link(productId, itemId, body.initiativeId(), ifMatch, request.newEventMetadata());
        return current(productId, itemId);
    }

    @DELETE
    @Path("/{itemId}/initiative")
    @Operation(summary = "Unlink the item from its roadmap initiative")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response unlink(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                           @HeaderParam(IF_MATCH) String ifMatch) {
        return apply(productId, itemId, ifMatch, BacklogItem::unlinkFromInitiative);
    }

    @POST
    @Path("/{itemId}/transitions")
    @AlsoWritableBy(Roles.TEAM_MEMBER)
    @Operation(summary = "Move the item through its workflow: READY, IN_PROGRESS, DONE, ACCEPTED (with a verdict on each "
            + "acceptance criterion, all met), REJECTED (with a reason), back to NEW or READY",
            description = "Team members (role team-member) start, pause and finish work; the product owner takes every step. "
                    + "Whoever finished an item cannot accept it unless the product's settings allow self-acceptance.")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response transition(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                               @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull TransitionRequest body) {
        Actor actor = new Actor(request.actor(), request.hasRole(Roles.PRODUCT_OWNER));
        List<CriterionVerdict> verdicts = body.criteria() == null ? List.of()
                : body.criteria().stream().map(BacklogDtos.CriterionVerdictRequest::toDomain).toList();
        commands.moveTo(productId, itemId, ifMatch, request.newEventMetadata(), body.to(), body.reason(), verdicts, actor);
        return current(productId, itemId);
    }

    @PUT
    @Path("/{itemId}/epic")
    @Operation(summary = "Put the item in an epic of the product (one level: an epic sits in no epic)")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response placeInEpic(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                                @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull EpicRequest body) {
        commands.placeInEpic(productId, itemId, body.epicId(), ifMatch, request.newEventMetadata());
        return current(productId, itemId);
    }

    @DELETE
    @Path("/{itemId}/epic")
    @Operation(summary = "Take the item out of its epic")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response takeOutOfEpic(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                                  @HeaderParam(IF_MATCH) String ifMatch) {
        return apply(productId, itemId, ifMatch, BacklogItem::takeOutOfEpic);
    }

    @PUT
    @Path("/{itemId}/blockers/{blockerId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Record that another item of the product must be done before this one (409 if it would close a cycle)")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response addBlocker(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                               @PathParam("blockerId") UUID blockerId, @HeaderParam(IF_MATCH) String ifMatch) {
        commands.addBlocker(productId, itemId, blockerId, ifMatch, request.newEventMetadata());
        return current(productId, itemId);
    }

    @DELETE
    @Path("/{itemId}/blockers/{blockerId}")
    @Operation(summary = "Remove a blocker from the item")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response removeBlocker(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                                  @PathParam("blockerId") UUID blockerId, @HeaderParam(IF_MATCH) String ifMatch) {
        return apply(productId, itemId, ifMatch, item -> item.removeBlocker(blockerId));
    }

    @PUT
    @Path("/{itemId}/pin")
    @Operation(summary = "Pin the item at a place in the backlog (above or below another item, or at a rank), with a reason. "
            + "It keeps its score; the order respects the pin until it is removed, also when the roadmap or demand moves the score.")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response pin(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                        @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull PinRequest body) {
        commands.pin(productId, itemId, body.toDomain(), body.reason(), request.actor(), ifMatch, request.newEventMetadata());
        return current(productId, itemId);
    }

    @PUT
    @Path("/{itemId}/scoring-inputs")
    @Operation(summary = "Give the item inputs of the product's scoring model (RICE: reach, impact, confidence, effort; "
            + "ICE: impact, confidence, ease; WEIGHTED: the product's fields), numbers or option names by field name; "
            + "inputs not named keep their values")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response setScoringInputs(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                                     @HeaderParam(IF_MATCH) String ifMatch,
                                     @Parameter(description = "RICE or ICE: inputs for a model the product does not score by yet "
                                             + "(to prepare a change or a what-if); default: the product's model")
                                     @QueryParam("model") String model,
                                     @Schema(example = "{\"reach\": 2000, \"impact\": 2, \"confidence\": 80, \"effort\": 3}")
                                     @NotNull @Size(min = 1, max = 40) Map<@Size(min = 1, max = 40) String, @NotNull ScoringInput> body) {
        ScoringModel.Kind forModel = model == null ? null : QueryParams.enumValue("model", model, ScoringModel.Kind.class);
        commands.setScoringInputs(productId, itemId, ScoringDtos.inputsOf(body), forModel, ifMatch, request.newEventMetadata());
        return current(productId, itemId);
    }

    @DELETE
    @Path("/{itemId}/pin")
    @Operation(summary = "Remove the item's pin: its score alone orders it again")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response unpin(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                          @HeaderParam(IF_MATCH) String ifMatch) {
        String actor = request.actor();
        return apply(productId, itemId, ifMatch, item -> item.unpin(actor));
    }

    @POST
    @Path("/{itemId}/discard")
    @Operation(summary = "Discard the item (won't do), with a reason: it leaves the ranking and the default list, keeps its "
            + "history and stops counting in demand and delivery metrics. Not for accepted items.")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response discard(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                            @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull DiscardRequest body) {
        String actor = request.actor();
        return apply(productId, itemId, ifMatch, item -> item.discard(body.reason(), actor));
    }

    @POST
    @Path("/{itemId}/restore")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Bring a discarded item back to NEW, scored with today's roadmap context and customer demand")
    @APIResponseSchema(value = ItemView.class, responseCode = "200", responseDescription = "The item as it is now, with its new version in ETag")
    public Response restore(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId,
                            @HeaderParam(IF_MATCH) String ifMatch) {
        commands.restore(productId, itemId, ifMatch, request.actor(), request.newEventMetadata());
        return current(productId, itemId);
    }

    @GET
    @Path("/{itemId}/priority")
    @Operation(summary = "Why the item ranks where it does: the WSJF components and the events that last set them, oldest first")
    public PriorityView priority(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId) {
        ItemSnapshot snapshot = queries.find(productId, itemId)
                .orElseThrow(() -> ProblemException.notFound("backlog item " + itemId));
        Priority priority = snapshot.item().priority();
        // what last set each part is the latest event of one of the types that set it, so the item's whole history is
        // not read: an item reprioritized hundreds of times read and decoded all its events on every request
        Map<String, Cause> causes = new LinkedHashMap<>();
        for (StoredEvent stored : store.loadLatestOfEachType(itemId)) {
            switch (items.types().deserialize(stored)) {
                case BacklogItemEvent.CostOfDelayAssessed e -> setBy(causes, "costOfDelay",
                        cause(List.of("businessValue", "timeCriticality", "riskReduction"), stored));
                case BacklogItemEvent.ItemEstimated e -> setBy(causes, "jobSize", cause(List.of("jobSize"), stored));
                case BacklogItemEvent.ItemLinkedToInitiative e -> setBy(causes, "roadmap", cause(ROADMAP_COMPONENTS, stored));
                case BacklogItemEvent.ItemUnlinkedFromInitiative e -> setBy(causes, "roadmap", cause(ROADMAP_COMPONENTS, stored));
                case BacklogItemEvent.ItemReprioritized e -> setBy(causes, "roadmap", cause(ROADMAP_COMPONENTS, stored,
                        e.cause(), e.oldScore(), e.newScore(), e.oldRank(), e.newRank()));
                case BacklogItemEvent.ItemDemandChanged e -> setBy(causes, "demand", cause(List.of("demandBonus"), stored,
                        e.cause(), e.oldScore(), e.newScore(), e.oldRank(), e.newRank()));
                case BacklogItemEvent.ItemPinned e -> setBy(causes, "pin", cause(List.of("pin"), stored));
                case BacklogItemEvent.ScoringInputsSet e -> setBy(causes, "inputs", cause(union(e.inputs()), stored));
                case BacklogItemEvent.ItemRescored e -> setBy(causes, "model", e.cause() == null ? cause(List.of("model"), stored)
                        : cause(List.of("model"), stored, e.cause(), e.oldScore(), e.newScore(), e.oldRank(), e.newRank()));
                case BacklogItemEvent.ItemUnpinned e -> causes.remove("pin");
                case BacklogItemEvent.ItemDiscarded e -> causes.remove("pin");
                default -> {
                }
            }
        }
        var roadmap = snapshot.item().roadmap();
        return new PriorityView(itemId, priority.model().kind().name(), priority.model().formula(), priority.score(), snapshot.rank(),
                new Components(priority.businessValue(), priority.demandBonus(), priority.timeCriticality(), priority.riskReduction(),
                        priority.costOfDelay(), priority.horizonBonus(), priority.themeWeight(),
                        priority.initiativeStatusFactor(), priority.businessCaseFactor(), priority.adjustedCostOfDelay(),
                        priority.jobSize()),
                roadmap == null ? null : new BacklogDtos.RoadmapPart(roadmap.initiativeId(), roadmap.horizon(),
                        roadmap.initiativeStatus(), roadmap.themeId(), roadmap.themeWeight(), roadmap.initiativeRoi()),
                snapshot.item().demand() == null ? null
                        : new BacklogDtos.DemandPart(snapshot.item().demand().accounts(), snapshot.item().demand().bonus()),
                priority.missing(), List.copyOf(causes.values()), snapshot.item().type() == ItemType.EPIC ? epicItems(productId, itemId) : null,
                PinView.of(snapshot.item().pin()), snapshot.rank() == null ? null : queries.scoreRank(productId, snapshot),
                priority.modelScore());
    }

    /** Records what set a part of the priority last: causes stay in the order of the events that set them. */
    private static void setBy(Map<String, Cause> causes, String part, Cause cause) {
        causes.remove(part);
        causes.put(part, cause);
    }

    @GET
    @Path("/{itemId}/history")
    @Operation(summary = "Every event of the item, oldest first, with actor and time")
    public List<EventHistory.Entry> history(@PathParam("productId") UUID productId, @PathParam("itemId") UUID itemId) {
        return history.of(productId, itemId, "backlog item");
    }

    private Response apply(UUID productId, UUID itemId, String ifMatch,
                           Function<BacklogItem, List<BacklogItemEvent>> command) {
        commands.update(productId, itemId, ifMatch, request.newEventMetadata(), command);
        return current(productId, itemId);
    }

    /** The item as it is now, with the items it blocks and, for an epic, its progress. */
    private Response current(UUID productId, UUID itemId) {
        ItemSnapshot snapshot = queries.find(productId, itemId).orElseThrow(() -> ProblemException.notFound("backlog item " + itemId));
        List<UUID> blocks = queries.blockedBy(productId, itemId).stream().sorted().toList();
        EpicProgress epic = snapshot.item().type() == ItemType.EPIC ? epicProgress(itemId) : null;
        ItemView view = view(snapshot, blocks, epic);
        return Response.ok(view).header("ETag", Versions.etag(view.version())).build();
    }

    private EpicProgress epicProgress(UUID epicId) {
        Map<ItemStatus, Long> byStatus = queries.itemsOfEpicByStatus(epicId);
        long items = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long counted = items - byStatus.getOrDefault(ItemStatus.DISCARDED, 0L);
        long accepted = byStatus.getOrDefault(ItemStatus.ACCEPTED, 0L);
        return new EpicProgress(items, byStatus, counted == 0 ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(accepted).divide(BigDecimal.valueOf(counted), 2, RoundingMode.HALF_UP));
    }

    private List<EpicItem> epicItems(UUID productId, UUID epicId) {
        return queries.list(productId, new ItemFilter(null, null, null, null, epicId), null, 200).items().stream()
                .map(child -> new EpicItem(child.item().id(), child.item().title(), child.item().status(),
                        child.item().priority().score(), child.rank())).toList();
    }

    private static List<String> union(ScoreInputs inputs) {
        return scoringInputs(inputs).keySet().stream().toList();
    }

    /** An item's inputs to a scoring model as one object: numbers and choices by field name. */
    static Map<String, Object> scoringInputs(ScoreInputs inputs) {
        Map<String, Object> all = new TreeMap<>(inputs.numbers());
        all.putAll(inputs.choices());
        return all;
    }

    private static final List<String> ROADMAP_COMPONENTS = List.of("horizonBonus", "themeWeight", "initiativeStatusFactor",
            "businessCaseFactor");

    private static Cause cause(List<String> components, StoredEvent stored) {
        return new Cause(components, stored.eventId(), stored.eventType(), stored.metadata().occurredAt(),
                stored.metadata().actor(), null, null, null, null, null);
    }

    /** A change made by another service's event: which one, and what it did to the score and the rank. */
    private static Cause cause(List<String> components, StoredEvent stored, PriorityCause by,
                               BigDecimal oldScore, BigDecimal newScore, Integer oldRank, Integer newRank) {
        return new Cause(components, stored.eventId(), stored.eventType(), stored.metadata().occurredAt(),
                stored.metadata().actor(), new BacklogDtos.CausedBy(by.eventId(), by.eventType()), oldScore, newScore,
                oldRank, newRank);
    }

    static URI itemUri(UUID productId, UUID itemId) {
        return URI.create("/api/v1/products/" + productId + "/backlog/items/" + itemId);
    }

    static ItemView view(ItemSnapshot snapshot) {
        return view(snapshot, null, null);
    }

    static ItemView view(ItemSnapshot snapshot, List<UUID> blocks, EpicProgress epic) {
        BacklogItem item = snapshot.item();
        List<WorkflowStep> allowed = item.type() == ItemType.EPIC ? List.of() : WorkflowStep.allowedFrom(item.status());
        return new ItemView(item.id(), item.productId(), item.type(), item.title(), item.story(), item.acceptanceCriteria(),
                item.jobSize(), item.businessValue(), item.timeCriticality(), item.riskReduction(), item.priority().score(),
                snapshot.rank(), item.labels().stream().sorted().toList(), item.initiativeId(), item.status(), allowed,
                item.lastRejection(), item.discarded(), item.relations().parentId(),
                item.relations().blockedBy().stream().sorted().toList(), blocks, epic, PinView.of(item.pin()),
                scoringInputs(item.inputs()), snapshot.version(),
                snapshot.createdAt(), snapshot.updatedAt());
    }
}
