package dev.northstar.backlog.application;

import dev.northstar.backlog.domain.AcceptancePolicy;
import dev.northstar.backlog.domain.Actor;
import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.BacklogItemEvent;
import dev.northstar.backlog.domain.CriterionVerdict;
import dev.northstar.backlog.domain.DemandSignal;
import dev.northstar.backlog.domain.ItemType;
import dev.northstar.backlog.domain.NewItem;
import dev.northstar.backlog.domain.PinPlace;
import dev.northstar.backlog.domain.PriorityCause;
import dev.northstar.backlog.domain.Reordering;
import dev.northstar.backlog.domain.RoadmapContext;
import dev.northstar.backlog.domain.ScoreInputs;
import dev.northstar.backlog.domain.ScoringModel;
import dev.northstar.backlog.domain.WorkflowStep;
import dev.northstar.backlog.readmodel.BacklogPosition;
import dev.northstar.backlog.readmodel.BacklogQueries;
import dev.northstar.backlog.readmodel.ItemSnapshot;
import dev.northstar.platform.api.AggregateUpdates;
import dev.northstar.platform.api.ProblemException;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs backlog commands: load the item, check the client's If-Match, let the item decide, append the
 * events (which updates the read model and the outbox in the same transaction).
 */
@ApplicationScoped
public class BacklogItemCommands {
    private final BacklogItems items;
    private final KnownRoadmap roadmap;
    private final BacklogQueries queries;
    private final DemandSignals demand;
    private final BacklogSettingsCommands settings;

    public BacklogItemCommands(BacklogItems items, KnownRoadmap roadmap, BacklogQueries queries, DemandSignals demand,
                               BacklogSettingsCommands settings) {
        this.items = items;
        this.roadmap = roadmap;
        this.queries = queries;
        this.demand = demand;
        this.settings = settings;
    }

    /** Adds an item to the backlog of a product the roadmap has announced (404 otherwise). */
    @Transactional
    public Versioned<BacklogItem> create(UUID productId, NewItem spec, EventMetadata metadata) {
        if (!roadmap.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        RoadmapContext context = spec.initiativeId() == null ? null : initiative(productId, spec.initiativeId());
        UUID itemId = UUID.randomUUID();
        queries.lockScoringModel(productId, false);
        List<BacklogItemEvent> events = BacklogItem.create(itemId, productId, withEpicType(productId, spec, new HashMap<>()),
                context, settings.scoringModel(productId), UUID::randomUUID);
        return items.append(itemId, productId, null, events, metadata);
    }

    /**
     * Adds many items to one backlog in one transaction, all or none: their events and outbox rows are appended in
     * one round trip (each initiative's roadmap context is looked up once).
     */
    @Transactional
    public List<Versioned<BacklogItem>> createAll(UUID productId, List<NewItem> specs, EventMetadata metadata) {
        if (!roadmap.hasProduct(productId)) {
            throw ProblemException.notFound("product " + productId);
        }
        Map<UUID, RoadmapContext> contexts = new HashMap<>();
        Map<UUID, ItemType> epicTypes = new HashMap<>();
        queries.lockScoringModel(productId, false);
        ScoringModel scoring = settings.scoringModel(productId);
        List<EventSourcedRepository.Decision<BacklogItem, BacklogItemEvent>> decisions = new ArrayList<>(specs.size());
        for (NewItem spec : specs) {
            RoadmapContext context = spec.initiativeId() == null ? null
                    : contexts.computeIfAbsent(spec.initiativeId(), initiativeId -> initiative(productId, initiativeId));
            UUID itemId = UUID.randomUUID();
            decisions.add(new EventSourcedRepository.Decision<>(itemId, productId, null,
                    BacklogItem.create(itemId, productId, withEpicType(productId, spec, epicTypes), context, scoring, UUID::randomUUID)));
        }
        return items.appendAll(decisions, metadata);
    }

    /** Applies {@code command} to the item; answers 404 for an item of another product, 412 for a stale If-Match. */
    @Transactional
    public Versioned<BacklogItem> update(UUID productId, UUID itemId, String ifMatch, EventMetadata metadata,
                                         Function<BacklogItem, List<BacklogItemEvent>> command) {
        return AggregateUpdates.update(items, productId, itemId, BacklogItem::productId, "backlog item", ifMatch, metadata,
                command);
    }

    @Transactional
    public Versioned<BacklogItem> link(UUID productId, UUID itemId, UUID initiativeId, String ifMatch, EventMetadata metadata) {
        return update(productId, itemId, ifMatch, metadata,
                item -> item.linkToInitiative(initiativeId, initiative(productId, initiativeId)));
    }

    /** Puts an item in an epic of the same product (422 if the product has no item by that id). */
    @Transactional
    public Versioned<BacklogItem> placeInEpic(UUID productId, UUID itemId, UUID epicId, String ifMatch, EventMetadata metadata) {
        ItemType epicType = existing(productId, epicId, "epicId");
        return update(productId, itemId, ifMatch, metadata, item -> item.placeInEpic(epicId, epicType));
    }

    /**
     * Records that another item of the product must be done before this one; 409 when the blocker already waits for
     * this item, directly or through others. Concurrent additions within a product are serialized, so that two of
     * them cannot close a cycle between them.
     */
    @Transactional
    public Versioned<BacklogItem> addBlocker(UUID productId, UUID itemId, UUID blockerId, String ifMatch, EventMetadata metadata) {
        existing(productId, blockerId, "blockerId");
        queries.lockDependencies(productId);
        return update(productId, itemId, ifMatch, metadata, item -> item.addBlocker(blockerId, queries.blockersOf(blockerId)));
    }

    /** A workflow step, with the review's verdicts, the product's acceptance policy and the item's blockers not done yet. */
    @Transactional
    public Versioned<BacklogItem> moveTo(UUID productId, UUID itemId, String ifMatch, EventMetadata metadata, WorkflowStep step,
                                         String reason, List<CriterionVerdict> verdicts, Actor actor) {
        AcceptancePolicy policy = step == WorkflowStep.ACCEPTED ? settings.acceptancePolicy(productId) : AcceptancePolicy.DEFAULT;
        return update(productId, itemId, ifMatch, metadata, item -> item.moveTo(step, reason, verdicts, actor, policy,
                step == WorkflowStep.READY ? queries.notDone(productId, item.relations().blockedBy()) : Set.of()));
    }

    /**
     * Chooses the product's scoring model and rescores its open backlog under it, in one transaction: the
     * ScoringModelChanged, then an ItemRescored with it as the cause on every open item.
     */
    @Transactional
    public BacklogSettingsCommands.SettingsChange chooseScoringModel(UUID productId, ScoringModel model, String ifMatch,
                                                                  EventMetadata metadata) {
        queries.lockScoringModel(productId, true);
        BacklogSettingsCommands.SettingsChange change = settings.setScoringModel(productId, model, ifMatch, metadata);
        if (change.cause() != null) {
            rescoreAll(productId, change.settings().state().scoring(), change.cause(), metadata);
        }
        return change;
    }

    /**
     * Changes the product's backlog settings; when business cases start or stop scaling priority, the items linked to
     * initiatives with a business case in money are reprioritized in the same transaction, the settings change their cause.
     */
    @Transactional
    public BacklogSettingsCommands.SettingsChange changeSettings(UUID productId, Boolean allowSelfAcceptance,
                                                              Boolean businessCaseScaling, String ifMatch, EventMetadata metadata) {
        BacklogSettingsCommands.SettingsChange change = settings.change(productId, allowSelfAcceptance, businessCaseScaling, ifMatch,
                metadata);
        if (change.cause() != null) {
            roadmap.scaleByBusinessCases(productId, change.settings().state().businessCaseScaling());
            reprioritizeLinkedTo(productId, roadmap.initiativesWithRoi(productId), change.cause(), metadata);
        }
        return change;
    }

    /**
     * Inputs to a scoring model, checked against it: the product's (RICE, ICE or WEIGHTED), or RICE or ICE named by
     * {@code forModel} to prepare a change of model or a what-if before the product scores by it.
     */
    @Transactional
    public Versioned<BacklogItem> setScoringInputs(UUID productId, UUID itemId, ScoreInputs inputs, ScoringModel.Kind forModel,
                                                   String ifMatch, EventMetadata metadata) {
        ScoringModel current = settings.scoringModel(productId);
        ScoringModel model = forModel == null || forModel == current.kind() ? current : switch (forModel) {
            case RICE, ICE -> ScoringModel.of(forModel);
            case WSJF -> ScoringModel.WSJF;
            case WEIGHTED -> throw ProblemException.unprocessable("model",
                    "the product's WEIGHTED fields exist once the product scores by WEIGHTED; choose the model first");
        };
        return update(productId, itemId, ifMatch, metadata, item -> item.setScoringInputs(inputs, model));
    }

    /**
     * Rescores every open item of the product under its new scoring model, as a set like {@link #reprioritizeLinkedTo}:
     * the items' states in one query, their ranks before and after in one pass each, all ItemRescored in one append.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int rescoreAll(UUID productId, ScoringModel model, PriorityCause cause, EventMetadata metadata) {
        List<ItemSnapshot> open = queries.openItemsOfProduct(productId).stream()
                .sorted((a, b) -> BacklogPosition.ORDER.compare(BacklogPosition.of(a), BacklogPosition.of(b))).toList();
        Map<UUID, BigDecimal> newKeys = Reordering.underModel(open.stream().map(ItemSnapshot::item).toList(), model);
        List<Rescored> rescored = new ArrayList<>();
        for (ItemSnapshot item : open) {
            BigDecimal newKey = newKeys.get(item.item().id());
            if (!item.item().rescore(model, null, null, cause).isEmpty()) {
                rescored.add(new Rescored(item, newKey,
                        (oldRank, newRank) -> item.item().rescore(model, newKey, oldRank, newRank, cause)));
            }
        }
        return appendRescored(productId, rescored, metadata);
    }

    /**
     * Puts the item at a place in the backlog by hand, with a reason. Pins within a product are serialized, so that each
     * reads the order the one before it left.
     */
    @Transactional
    public Versioned<BacklogItem> pin(UUID productId, UUID itemId, PinPlace place, String reason, String actor, String ifMatch,
                                      EventMetadata metadata) {
        queries.lockPins(productId);
        return update(productId, itemId, ifMatch, metadata, item -> item.pin(place, queries.orderWithout(productId, itemId),
                reason, actor, metadata.occurredAt()));
    }

    private ItemType existing(UUID productId, UUID itemId, String field) {
        return queries.typeOf(productId, itemId).orElseThrow(() -> ProblemException.unprocessable(field,
                "item " + itemId + " is not an item of this product's backlog"));
    }

    /** The spec with the type of the epic it names, looked up once per epic ({@code known} holds those seen). */
    private NewItem withEpicType(UUID productId, NewItem spec, Map<UUID, ItemType> known) {
        if (spec.parentId() == null) {
            return spec;
        }
        ItemType epicType = known.computeIfAbsent(spec.parentId(), epicId -> existing(productId, epicId, "parentId"));
        return spec.withEpicType(epicType);
    }

    /** Restores a discarded item with the roadmap context and customer demand it has today. */
    @Transactional
    public Versioned<BacklogItem> restore(UUID productId, UUID itemId, String ifMatch, String actor, EventMetadata metadata) {
        queries.lockScoringModel(productId, false);
        return update(productId, itemId, ifMatch, metadata, item -> {
            RoadmapContext context = item.initiativeId() == null ? null
                    : roadmap.contextOf(productId, item.initiativeId()).orElse(item.roadmap());
            Map<UUID, DemandSignals.Signal> signals = demand.ofProduct(productId);
            DemandSignal signal = new DemandSignal(accounts(signals, item.id()) + accounts(signals, item.initiativeId()));
            return item.restore(actor, context, signal, settings.scoringModel(productId));
        });
    }

    /**
     * Recomputes the priority of every open item linked to these initiatives after a roadmap change, and records an
     * ItemReprioritized on each whose roadmap context changed, as a set: the linked items' stored states in one query
     * per initiative, their ranks before and after in one pass over the open backlog each, and all their events
     * appended in one round trip. Runs in the caller's transaction (the roadmap consumer's, with its inbox row).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reprioritizeLinkedTo(UUID productId, List<UUID> initiativeIds, PriorityCause cause, EventMetadata metadata) {
        Map<UUID, Rescored> rescored = new LinkedHashMap<>();
        for (UUID initiativeId : initiativeIds) {
            RoadmapContext context = roadmap.contextOf(productId, initiativeId).orElse(null);
            if (context == null) {
                continue;
            }
            for (ItemSnapshot item : queries.openItemsLinkedToWithState(initiativeId)) {
                if (!item.item().reprioritize(context, null, null, cause).isEmpty()) {
                    rescored.put(item.item().id(), new Rescored(item, item.item().sortKeyWith(context),
                            (oldRank, newRank) -> item.item().reprioritize(context, oldRank, newRank, cause)));
                }
            }
        }
        return appendRescored(productId, rescored.values(), metadata);
    }

    /**
     * Records the new customer demand of every open item that is, or is linked to, one of the changed targets (its
     * accounts are those asking for the item plus those asking for its initiative), as a set like
     * {@link #reprioritizeLinkedTo}: states and signals in a few queries, ranks in one pass each, one append.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int updateDemand(UUID productId, Collection<UUID> changedTargets, PriorityCause cause, EventMetadata metadata) {
        Map<UUID, ItemSnapshot> affected = new LinkedHashMap<>();
        for (UUID target : changedTargets) {
            queries.openItemsLinkedToWithState(target).forEach(item -> affected.put(item.item().id(), item));
        }
        queries.openItemsWithState(productId, changedTargets).forEach(item -> affected.put(item.item().id(), item));
        if (affected.isEmpty()) {
            return 0;
        }
        Map<UUID, DemandSignals.Signal> signals = demand.ofProduct(productId);
        List<Rescored> rescored = new ArrayList<>();
        for (ItemSnapshot item : affected.values()) {
            DemandSignal signal = new DemandSignal(accounts(signals, item.item().id()) + accounts(signals, item.item().initiativeId()));
            if (!item.item().changeDemand(signal, null, null, cause).isEmpty()) {
                rescored.add(new Rescored(item, item.item().sortKeyWith(signal),
                        (oldRank, newRank) -> item.item().changeDemand(signal, oldRank, newRank, cause)));
            }
        }
        return appendRescored(productId, rescored, metadata);
    }

    /** An item whose score a change moves: its stored state, its new sort key, and its events given its old and new rank. */
    private record Rescored(ItemSnapshot snapshot, BigDecimal newSortKey,
                            BiFunction<Integer, Integer, List<BacklogItemEvent>> eventsWithRanks) {
    }

    /** Ranks the rescored items before and after in one pass each, and appends all their events in one round trip. */
    private int appendRescored(UUID productId, Collection<Rescored> rescored, EventMetadata metadata) {
        if (rescored.isEmpty()) {
            return 0;
        }
        Map<UUID, BigDecimal> newSortKeys = new LinkedHashMap<>();
        Map<UUID, BacklogPosition> positions = new HashMap<>();
        rescored.forEach(item -> {
            newSortKeys.put(item.snapshot().item().id(), item.newSortKey());
            positions.put(item.snapshot().item().id(), BacklogPosition.of(item.snapshot()));
        });
        BacklogQueries.Reranking ranks = queries.rerank(productId, positions, newSortKeys);
        List<EventSourcedRepository.Decision<BacklogItem, BacklogItemEvent>> decisions = new ArrayList<>(rescored.size());
        int appended = 0;
        for (Rescored item : rescored) {
            ItemSnapshot snapshot = item.snapshot();
            UUID id = snapshot.item().id();
            List<BacklogItemEvent> events = item.eventsWithRanks().apply(ranks.before().get(id), ranks.after().get(id));
            decisions.add(new EventSourcedRepository.Decision<>(id, productId,
                    new Versioned<>(snapshot.item(), snapshot.version(), snapshot.createdAt(), snapshot.updatedAt()), events));
            appended += events.size();
        }
        items.appendAll(decisions, metadata);
        return appended + holdPins(productId, metadata);
    }

    /**
     * After scores moved, puts every pin of the product that no longer sits at its place back there (top pins first,
     * each written before the next is placed). One indexed query when the product has no pins.
     */
    private int holdPins(UUID productId, EventMetadata metadata) {
        int appended = 0;
        for (ItemSnapshot snapshot : queries.pinnedItems(productId)) {
            UUID id = snapshot.item().id();
            List<BacklogItemEvent> events = snapshot.item().holdPin(queries.orderWithout(productId, id, true),
                    queries.orderWithout(productId, id, false));
            if (!events.isEmpty()) {
                items.append(snapshot.item().id(), productId, new Versioned<>(snapshot.item(), snapshot.version(),
                        snapshot.createdAt(), snapshot.updatedAt()), events, metadata);
                appended += events.size();
            }
        }
        return appended;
    }

    private static int accounts(Map<UUID, DemandSignals.Signal> signals, UUID target) {
        DemandSignals.Signal signal = target == null ? null : signals.get(target);
        return signal == null ? 0 : signal.accounts();
    }

    private RoadmapContext initiative(UUID productId, UUID initiativeId) {
        return roadmap.contextOf(productId, initiativeId).orElseThrow(() -> ProblemException.unprocessable("initiativeId",
                "initiative " + initiativeId + " is not an initiative of this product's roadmap"));
    }
}
