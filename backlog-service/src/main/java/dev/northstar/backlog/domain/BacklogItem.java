package dev.northstar.backlog.domain;

import dev.northstar.backlog.domain.BacklogItemEvent.BlockerAdded;
import dev.northstar.backlog.domain.BacklogItemEvent.BlockerRemoved;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemPlacedInEpic;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemTakenOutOfEpic;
import dev.northstar.backlog.domain.BacklogRuleViolation.DependencyCycle;
import dev.northstar.backlog.domain.BacklogRuleViolation.EpicStructure;
import dev.northstar.backlog.domain.BacklogItemEvent.AcceptanceCriterionAdded;
import dev.northstar.backlog.domain.BacklogItemEvent.AcceptanceCriterionEdited;
import dev.northstar.backlog.domain.BacklogItemEvent.AcceptanceCriterionRemoved;
import dev.northstar.backlog.domain.BacklogItemEvent.CostOfDelayAssessed;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemAccepted;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemCreated;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemDemandChanged;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemDiscarded;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemDetailsEdited;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemEstimated;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemLabelled;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemLinkedToInitiative;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemMadeReady;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemPinned;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemRescored;
import dev.northstar.backlog.domain.BacklogItemEvent.ScoringInputsSet;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemUnpinned;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemRejected;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemReprioritized;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemRestored;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemReturnedToNew;
import dev.northstar.backlog.domain.BacklogItemEvent.ItemUnlinkedFromInitiative;
import dev.northstar.backlog.domain.BacklogItemEvent.WorkFinished;
import dev.northstar.backlog.domain.BacklogItemEvent.WorkPaused;
import dev.northstar.backlog.domain.BacklogItemEvent.WorkStarted;
import dev.northstar.backlog.domain.BacklogRuleViolation.CriteriaNotJudged;
import dev.northstar.backlog.domain.BacklogRuleViolation.CriteriaNotMet;
import dev.northstar.backlog.domain.BacklogRuleViolation.CriterionNotFound;
import dev.northstar.backlog.domain.BacklogRuleViolation.InvalidValue;
import dev.northstar.backlog.domain.BacklogRuleViolation.NeedsProductOwner;
import dev.northstar.backlog.domain.BacklogRuleViolation.SelfAcceptance;
import dev.northstar.backlog.domain.BacklogRuleViolation.ItemIsDiscarded;
import dev.northstar.backlog.domain.BacklogRuleViolation.ItemNotDiscarded;
import dev.northstar.backlog.domain.BacklogRuleViolation.ItemClosed;
import dev.northstar.backlog.domain.BacklogRuleViolation.NotReady;
import dev.northstar.backlog.domain.BacklogRuleViolation.RejectionNeedsReason;
import dev.northstar.backlog.domain.BacklogRuleViolation.TransitionNotAllowed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A backlog item: its state is a fold of its events ({@link #apply}); its rules live in the command
 * methods, which return the events a command causes and never change anything themselves.
 */
public record BacklogItem(
        UUID id,
        UUID productId,
        ItemType type,
        String title,
        UserStory story,
        List<AcceptanceCriterion> acceptanceCriteria,
        Integer jobSize,
        Integer businessValue,
        Integer timeCriticality,
        Integer riskReduction,
        Set<String> labels,
        UUID initiativeId,
        ItemStatus status,
        Rejection lastRejection,
        RoadmapContext roadmap,
        DemandSignal demand,
        Discard discarded,
        String finishedBy,
        Relations relations,
        Pin pin,
        ScoreInputs inputs,
        ScoringModel scoring) {

    public BacklogItem {
        relations = relations == null ? Relations.NONE : relations;
        inputs = inputs == null ? ScoreInputs.NONE : inputs;
    }

    // ---- state: a fold over events ----

    public static BacklogItem apply(BacklogItem item, BacklogItemEvent event) {
        return switch (event) {
            case ItemCreated e -> new BacklogItem(e.itemId(), e.productId(), e.type(), e.title(), e.story(), List.of(),
                    null, null, null, null, Set.copyOf(e.labels()), null, ItemStatus.NEW, null, null, null, null, null, Relations.NONE, null,
                    ScoreInputs.NONE, e.scoring());
            case ItemDetailsEdited e -> item.with(e.type(), e.title(), e.story());
            case AcceptanceCriterionAdded e -> item.withCriteria(append(item.acceptanceCriteria,
                    new AcceptanceCriterion(e.criterionId(), e.text(), null)));
            case AcceptanceCriterionEdited e -> item.withCriteria(item.acceptanceCriteria.stream()
                    .map(c -> c.id().equals(e.criterionId()) ? new AcceptanceCriterion(c.id(), e.text(), null) : c).toList());
            case AcceptanceCriterionRemoved e -> item.withCriteria(item.acceptanceCriteria.stream()
                    .filter(c -> !c.id().equals(e.criterionId())).toList());
            case ItemEstimated e -> new BacklogItem(item.id, item.productId, item.type, item.title, item.story,
                    item.acceptanceCriteria, e.jobSize(), item.businessValue, item.timeCriticality, item.riskReduction,
                    item.labels, item.initiativeId, item.status, item.lastRejection, item.roadmap, item.demand, item.discarded,
                    item.finishedBy, item.relations, item.pin, item.inputs, item.scoring);
            case CostOfDelayAssessed e -> new BacklogItem(item.id, item.productId, item.type, item.title, item.story,
                    item.acceptanceCriteria, item.jobSize, e.businessValue(), e.timeCriticality(), e.riskReduction(),
                    item.labels, item.initiativeId, item.status, item.lastRejection, item.roadmap, item.demand, item.discarded,
                    item.finishedBy, item.relations, item.pin, item.inputs, item.scoring);
            case ItemLabelled e -> new BacklogItem(item.id, item.productId, item.type, item.title, item.story,
                    item.acceptanceCriteria, item.jobSize, item.businessValue, item.timeCriticality, item.riskReduction,
                    Set.copyOf(e.labels()), item.initiativeId, item.status, item.lastRejection, item.roadmap, item.demand,
                    item.discarded, item.finishedBy, item.relations, item.pin, item.inputs, item.scoring);
            case ItemLinkedToInitiative e -> item.withInitiative(e.initiativeId(), e.roadmap());
            case ItemUnlinkedFromInitiative e -> item.withInitiative(null, null);
            case ItemReprioritized e -> item.withInitiative(item.initiativeId, e.roadmap());
            case ItemDemandChanged e -> item.withDemand(e.demand());
            case ItemMadeReady e -> item.withStatus(ItemStatus.READY, item.lastRejection);
            case ItemReturnedToNew e -> item.withStatus(ItemStatus.NEW, item.lastRejection);
            case WorkStarted e -> item.withStatus(ItemStatus.IN_PROGRESS, item.lastRejection);
            case WorkPaused e -> item.withStatus(ItemStatus.READY, item.lastRejection);
            case WorkFinished e -> item.withStatus(ItemStatus.DONE, item.lastRejection).finishedBy(e.finishedBy());
            case ItemAccepted e -> item.withStatus(ItemStatus.ACCEPTED, null).reviewed(e.criteria(), e.acceptedBy());
            case ItemRejected e -> item.withStatus(ItemStatus.IN_PROGRESS, new Rejection(e.reason(), e.rejectedBy(),
                    e.criteria().stream().filter(v -> !v.met()).map(CriterionVerdict::criterionId).toList()))
                    .reviewed(e.criteria(), e.rejectedBy());
            case ItemDiscarded e -> item.discardedAs(new Discard(e.reason(), e.discardedBy(), e.from()));
            case ScoringInputsSet e -> item.withScoring(item.inputs.with(e.inputs()), item.scoring);
            case ItemRescored e -> item.withScoring(item.inputs, e.model().kind() == ScoringModel.Kind.WSJF ? null : e.model());
            case ItemPinned e -> item.withPin(new Pin(e.sortKey(), e.place(), e.reason(), e.pinnedBy(), e.pinnedAt()));
            case ItemUnpinned e -> item.withPin(null);
            case ItemRestored e -> item.restoredWith(e.roadmap(), e.demand());
            case ItemPlacedInEpic e -> item.withRelations(item.relations.withParent(e.epicId()));
            case ItemTakenOutOfEpic e -> item.withRelations(item.relations.withParent(null));
            case BlockerAdded e -> item.withRelations(item.relations.withBlockers(plus(item.relations.blockedBy(), e.blockerId())));
            case BlockerRemoved e -> item.withRelations(item.relations.withBlockers(minus(item.relations.blockedBy(), e.blockerId())));
        };
    }

    public static BacklogItem replay(List<BacklogItemEvent> events) {
        BacklogItem item = null;
        for (BacklogItemEvent event : events) {
            item = apply(item, event);
        }
        return item;
    }

    // ---- commands: each returns the events it causes ----

    public static List<BacklogItemEvent> create(UUID itemId, UUID productId, NewItem spec, RoadmapContext roadmap,
                                                Supplier<UUID> newIds) {
        return create(itemId, productId, spec, roadmap, ScoringModel.WSJF, newIds);
    }

    /** A new item of a product that scores its backlog by {@code scoring}. */
    public static List<BacklogItemEvent> create(UUID itemId, UUID productId, NewItem spec, RoadmapContext roadmap,
                                                ScoringModel scoring, Supplier<UUID> newIds) {
        Objects.requireNonNull(spec.type(), "type");
        requireText("title", spec.title());
        List<BacklogItemEvent> events = new ArrayList<>();
        events.add(new ItemCreated(itemId, productId, spec.type(), spec.title().strip(), spec.story(),
                spec.labels() == null ? Set.of() : Set.copyOf(spec.labels()), scoring.kind() == ScoringModel.Kind.WSJF ? null : scoring));
        if (spec.acceptanceCriteria() != null) {
            for (String criterion : spec.acceptanceCriteria()) {
                requireText("acceptanceCriteria", criterion);
                events.add(new AcceptanceCriterionAdded(newIds.get(), criterion.strip()));
            }
        }
        if (spec.jobSize() != null) {
            WsjfScale.require("jobSize", spec.jobSize());
            events.add(new ItemEstimated(spec.jobSize()));
        }
        if (spec.businessValue() != null || spec.timeCriticality() != null || spec.riskReduction() != null) {
            events.add(costOfDelay(spec.businessValue(), spec.timeCriticality(), spec.riskReduction()));
        }
        if (spec.initiativeId() != null) {
            events.add(new ItemLinkedToInitiative(spec.initiativeId(), roadmap));
        }
        if (spec.scoringInputs() != null && !spec.scoringInputs().equals(ScoreInputs.NONE)) {
            scoring.validateInputs(spec.scoringInputs());
            events.add(new ScoringInputsSet(spec.scoringInputs()));
        }
        if (spec.parentId() != null) {
            BacklogItem created = replay(events);
            events.addAll(created.placeInEpic(spec.parentId(), spec.epicType()));
        }
        return events;
    }

    public List<BacklogItemEvent> editDetails(ItemType newType, String newTitle, UserStory newStory) {
        return editDetails(newType, newTitle, newStory, 0);
    }

    /** {@code itemsInEpic}: how many items this item holds, if it is an epic (an epic holding items stays one). */
    public List<BacklogItemEvent> editDetails(ItemType newType, String newTitle, UserStory newStory, long itemsInEpic) {
        requireOpen();
        ItemType t = newType == null ? type : newType;
        if (t == ItemType.EPIC && type != ItemType.EPIC && relations.parentId() != null) {
            throw new EpicStructure("an item in an epic cannot become an epic; take it out of " + relations.parentId() + " first");
        }
        if (type == ItemType.EPIC && t != ItemType.EPIC && itemsInEpic > 0) {
            throw new EpicStructure("an epic holding " + itemsInEpic + " items stays an epic; take them out first");
        }
        String ti = newTitle == null ? title : requireText("title", newTitle).strip();
        UserStory s = newStory == null ? story : newStory;
        if (t == type && ti.equals(title) && Objects.equals(s, story)) {
            return List.of();
        }
        return List.of(new ItemDetailsEdited(t, ti, s));
    }

    public List<BacklogItemEvent> addCriterion(UUID criterionId, String text) {
        requireOpen();
        return List.of(new AcceptanceCriterionAdded(criterionId, requireText("text", text).strip()));
    }

    public List<BacklogItemEvent> editCriterion(UUID criterionId, String text) {
        requireOpen();
        AcceptanceCriterion existing = criterion(criterionId);
        String newText = requireText("text", text).strip();
        return existing.text().equals(newText) ? List.of() : List.of(new AcceptanceCriterionEdited(criterionId, newText));
    }

    public List<BacklogItemEvent> removeCriterion(UUID criterionId) {
        requireOpen();
        criterion(criterionId);
        return List.of(new AcceptanceCriterionRemoved(criterionId));
    }

    public List<BacklogItemEvent> estimate(int newJobSize) {
        requireOpen();
        WsjfScale.require("jobSize", newJobSize);
        return Objects.equals(jobSize, newJobSize) ? List.of() : List.of(new ItemEstimated(newJobSize));
    }

    /** Missing inputs keep their current values; the first assessment needs all three. */
    public List<BacklogItemEvent> assessCostOfDelay(Integer value, Integer criticality, Integer risk) {
        requireOpen();
        CostOfDelayAssessed assessed = costOfDelay(
                value == null ? businessValue : value,
                criticality == null ? timeCriticality : criticality,
                risk == null ? riskReduction : risk);
        boolean unchanged = Objects.equals(assessed.businessValue(), businessValue)
                && Objects.equals(assessed.timeCriticality(), timeCriticality)
                && Objects.equals(assessed.riskReduction(), riskReduction);
        return unchanged ? List.of() : List.of(assessed);
    }

    public List<BacklogItemEvent> label(Set<String> newLabels) {
        requireOpen();
        return labels.equals(newLabels) ? List.of() : List.of(new ItemLabelled(Set.copyOf(newLabels)));
    }

    public List<BacklogItemEvent> linkToInitiative(UUID newInitiativeId, RoadmapContext context) {
        requireOpen();
        if (newInitiativeId.equals(initiativeId)) {
            return List.of();
        }
        List<BacklogItemEvent> events = new ArrayList<>();
        if (initiativeId != null) {
            events.add(new ItemUnlinkedFromInitiative(initiativeId));
        }
        events.add(new ItemLinkedToInitiative(newInitiativeId, context));
        return events;
    }

    /**
     * The roadmap changed under the item. Records nothing when the item's roadmap context is already
     * this one (a redelivered or irrelevant change) or when the item is out of the ranking (accepted or discarded: a
     * restore brings the roadmap of its day).
     */
    public List<BacklogItemEvent> reprioritize(RoadmapContext context, Integer oldRank, Integer newRank, PriorityCause cause) {
        if (!status.ranked() || initiativeId == null || !initiativeId.equals(context.initiativeId())
                || context.equals(roadmap)) {
            return List.of();
        }
        return List.of(new ItemReprioritized(context, priority().score(), priorityWith(context).score(), oldRank, newRank, cause,
                pin != null));
    }

    /**
     * Customer demand changed. Records nothing when it is the demand the item already has, or the item is out of the
     * ranking (accepted or discarded: a restore brings the demand of its day).
     */
    public List<BacklogItemEvent> changeDemand(DemandSignal newDemand, Integer oldRank, Integer newRank, PriorityCause cause) {
        DemandSignal current = demand == null ? new DemandSignal(0) : demand;
        if (!status.ranked() || current.equals(newDemand)) {
            return List.of();
        }
        return List.of(new ItemDemandChanged(newDemand, priority().score(), priorityWith(newDemand).score(), oldRank, newRank, cause,
                pin != null));
    }

    /** The model that scores the item (the product's, as the item last heard it). */
    public ScoringModel model() {
        return scoring == null ? ScoringModel.WSJF : scoring;
    }

    /**
     * Inputs to the product's RICE, ICE or WEIGHTED model ({@code productModel}, which checks them), laid over those the
     * item has. Records nothing when they change nothing.
     */
    public List<BacklogItemEvent> setScoringInputs(ScoreInputs given, ScoringModel productModel) {
        requireOpen();
        productModel.validateInputs(given);
        return inputs.with(given).equals(inputs) ? List.of() : List.of(new ScoringInputsSet(given));
    }

    /**
     * The product now scores by another model. Records nothing when the item is scored by it already or is out of the
     * ranking (accepted or discarded: a restore brings the model of its day).
     */
    public List<BacklogItemEvent> rescore(ScoringModel newModel, Integer oldRank, Integer newRank, PriorityCause cause) {
        return rescore(newModel, pin == null ? null : pin.sortKey(), oldRank, newRank, cause);
    }

    /**
     * The same, for a pinned item placed again at its pin's place among the new model's scores ({@code newPinKey}, from
     * {@link Reordering}): the pin holds its place, with a new key recorded as an ItemPinned of the same place and reason.
     */
    public List<BacklogItemEvent> rescore(ScoringModel newModel, BigDecimal newPinKey, Integer oldRank, Integer newRank,
                                          PriorityCause cause) {
        if (!status.ranked() || newModel.equals(model())) {
            return List.of();
        }
        List<BacklogItemEvent> events = new ArrayList<>();
        events.add(new ItemRescored(newModel, priority().score(), priorityWith(newModel).score(), oldRank, newRank, cause,
                pin != null));
        if (pin != null && newPinKey != null && newPinKey.compareTo(pin.sortKey()) != 0) {
            events.add(new ItemPinned(newPinKey, pin.place(), pin.reason(), pin.pinnedBy(), pin.pinnedAt()));
        }
        return events;
    }

    /** The priority the item would have under another scoring model. */
    public Priority priorityWith(ScoringModel newModel) {
        return Priority.of(withScoring(inputs, newModel.kind() == ScoringModel.Kind.WSJF ? null : newModel));
    }

    /** Where the item sits in the backlog order: its pin's sort key if it is pinned, else its score's. */
    public BigDecimal sortKey() {
        return pin != null ? pin.sortKey() : priority().sortKey();
    }

    /** Where the item would sit with another customer demand (a pin holds). */
    public BigDecimal sortKeyWith(DemandSignal newDemand) {
        return pin != null ? pin.sortKey() : priorityWith(newDemand).sortKey();
    }

    /** Where the item would sit with another roadmap context (a pin holds). */
    public BigDecimal sortKeyWith(RoadmapContext context) {
        return pin != null ? pin.sortKey() : priorityWith(context).sortKey();
    }

    /** The priority the item would have with another customer demand. */
    public Priority priorityWith(DemandSignal newDemand) {
        return Priority.of(withDemand(newDemand));
    }

    /** The priority the item would have with another roadmap context. */
    public Priority priorityWith(RoadmapContext context) {
        return Priority.of(withInitiative(initiativeId, context));
    }

    public List<BacklogItemEvent> unlinkFromInitiative() {
        requireOpen();
        return initiativeId == null ? List.of() : List.of(new ItemUnlinkedFromInitiative(initiativeId));
    }

    /**
     * Puts the item in an epic of the same product (the caller looked it up: its type). One level only: an epic sits
     * in no epic, and only an epic holds items.
     */
    public List<BacklogItemEvent> placeInEpic(UUID epicId, ItemType epicType) {
        requireOpen();
        if (type == ItemType.EPIC) {
            throw new EpicStructure("an epic cannot sit in another epic; epics are one level above their items");
        }
        if (epicType != ItemType.EPIC) {
            throw new EpicStructure("item " + epicId + " is a " + epicType + ", not an EPIC; only epics hold items");
        }
        if (epicId.equals(relations.parentId())) {
            return List.of();
        }
        List<BacklogItemEvent> events = new ArrayList<>();
        if (relations.parentId() != null) {
            events.add(new ItemTakenOutOfEpic(relations.parentId()));
        }
        events.add(new ItemPlacedInEpic(epicId));
        return events;
    }

    public List<BacklogItemEvent> takeOutOfEpic() {
        requireOpen();
        return relations.parentId() == null ? List.of() : List.of(new ItemTakenOutOfEpic(relations.parentId()));
    }

    /**
     * Another item of the product must be done before this one. {@code blockersOfBlocker} are the items the blocker
     * waits for, directly or not (the caller read them): this item among them would close a cycle.
     */
    public List<BacklogItemEvent> addBlocker(UUID blockerId, Set<UUID> blockersOfBlocker) {
        requireOpen();
        if (blockerId.equals(id) || blockersOfBlocker.contains(id)) {
            throw new DependencyCycle(id, blockerId);
        }
        return relations.blockedBy().contains(blockerId) ? List.of() : List.of(new BlockerAdded(blockerId));
    }

    public List<BacklogItemEvent> removeBlocker(UUID blockerId) {
        requireOpen();
        return relations.blockedBy().contains(blockerId) ? List.of(new BlockerRemoved(blockerId)) : List.of();
    }

    /**
     * The product owner puts the item at a place in the backlog by hand, with a reason: it is ordered by a sort key
     * between the neighbours of that place in today's order ({@link PinPlace#sortKeyIn}) until it is unpinned. Pinning
     * again moves the pin.
     */
    public List<BacklogItemEvent> pin(PinPlace place, BacklogOrder order, String reason, String actor, Instant at) {
        requireOpen();
        place.requireValidFor(id);
        String why = requireText("reason", reason).strip();
        return List.of(new ItemPinned(place.sortKeyIn(order, priority().sortKey()), place, why, actor, at));
    }

    /**
     * Keeps a pinned item at its pin's place after other items' scores moved around it: unless it still sits there
     * among the items no pin holds ({@code unpinned}: two pins claiming one place must not push each other out of it on
     * every change), records the pin again with a key at its place in today's whole order ({@code order}; both leave
     * this item out). Nothing when its place no longer exists (its anchor left the ranking, or no key is left there).
     */
    public List<BacklogItemEvent> holdPin(BacklogOrder unpinned, BacklogOrder order) {
        if (pin == null || !status.ranked() || pin.place().holds(unpinned, pin.sortKey())) {
            return List.of();
        }
        try {
            BigDecimal key = pin.place().sortKeyIn(order, priority().sortKey());
            return List.of(new ItemPinned(key, pin.place(), pin.reason(), pin.pinnedBy(), pin.pinnedAt()));
        } catch (BacklogRuleViolation unplaceable) {
            return List.of();
        }
    }

    /** Orders the item by its score again; nothing to record if it is not pinned. */
    public List<BacklogItemEvent> unpin(String actor) {
        requireOpen();
        return pin == null ? List.of() : List.of(new ItemUnpinned(actor));
    }

    /**
     * The product owner decides the item will not be done: it leaves the ranking and the default list, keeps its
     * history, and no longer counts in demand and delivery metrics. Accepted work cannot be discarded.
     */
    public List<BacklogItemEvent> discard(String reason, String actor) {
        requireOpen();
        return List.of(new ItemDiscarded(requireText("reason", reason).strip(), actor, status));
    }

    /**
     * Brings a discarded item back to NEW, with the roadmap context and customer demand it has now (neither moved it
     * while it was discarded).
     */
    public List<BacklogItemEvent> restore(String actor, RoadmapContext currentRoadmap, DemandSignal currentDemand) {
        return restore(actor, currentRoadmap, currentDemand, model());
    }

    /** A restore into a product that now scores by {@code currentModel}: rescored under it if it changed meanwhile. */
    public List<BacklogItemEvent> restore(String actor, RoadmapContext currentRoadmap, DemandSignal currentDemand,
                                          ScoringModel currentModel) {
        if (status != ItemStatus.DISCARDED) {
            throw new ItemNotDiscarded(status);
        }
        ItemRestored restored = new ItemRestored(actor, currentRoadmap, currentDemand);
        List<BacklogItemEvent> events = new ArrayList<>(List.of(restored));
        events.addAll(apply(this, restored).rescore(currentModel, null, null, null));
        return events;
    }

    /** A workflow step with no review: anything but ACCEPTED (which needs a verdict on each criterion). */
    public List<BacklogItemEvent> moveTo(WorkflowStep step, String reason, Actor actor) {
        return moveTo(step, reason, List.of(), actor, AcceptancePolicy.DEFAULT, Set.of());
    }

    /**
     * A workflow step. Team members start, pause and finish work; only the product owner accepts, rejects or moves
     * work back. Accepting needs a verdict on every acceptance criterion, all met, from someone other than whoever
     * finished the item unless the product allows self-acceptance; a rejection needs a reason and may name unmet
     * criteria. {@code openBlockers}: the item's blockers that are not done yet (the caller read their status).
     */
    public List<BacklogItemEvent> moveTo(WorkflowStep step, String reason, List<CriterionVerdict> verdicts, Actor actor,
                                         AcceptancePolicy policy, Set<UUID> openBlockers) {
        if (type == ItemType.EPIC) {
            throw new EpicStructure("an epic takes no workflow steps: its progress is its items'");
        }
        if (!WorkflowStep.allowedFrom(status).contains(step)) {
            throw new TransitionNotAllowed(status, step);
        }
        if (!actor.productOwner() && !teamMembersMay(step)) {
            throw new NeedsProductOwner(step);
        }
        List<CriterionVerdict> review = verdicts == null ? List.of() : verdicts;
        if (!review.isEmpty() && step != WorkflowStep.ACCEPTED && step != WorkflowStep.REJECTED) {
            throw new InvalidValue("criteria", "are judged only when accepting or rejecting");
        }
        return List.of(switch (step) {
            case NEW -> new ItemReturnedToNew();
            case READY -> {
                if (status == ItemStatus.IN_PROGRESS) {
                    yield new WorkPaused();
                }
                requireReady(openBlockers);
                yield new ItemMadeReady();
            }
            case IN_PROGRESS -> new WorkStarted();
            case DONE -> new WorkFinished(actor.id());
            case ACCEPTED -> {
                if (!policy.allowSelfAcceptance() && finishedBy != null && finishedBy.equals(actor.id())) {
                    throw new SelfAcceptance(actor.id());
                }
                requireVerdictsOn(review, true);
                List<UUID> unmet = review.stream().filter(v -> !v.met()).map(CriterionVerdict::criterionId).toList();
                if (!unmet.isEmpty()) {
                    throw new CriteriaNotMet(unmet);
                }
                yield new ItemAccepted(actor.id(), normalized(review));
            }
            case REJECTED -> {
                if (reason == null || reason.isBlank()) {
                    throw new RejectionNeedsReason();
                }
                requireVerdictsOn(review, false);
                yield new ItemRejected(reason.strip(), actor.id(), normalized(review));
            }
        });
    }

    /** What a team member may do: start, pause (IN_PROGRESS back to READY) and finish work. */
    private boolean teamMembersMay(WorkflowStep step) {
        return step == WorkflowStep.IN_PROGRESS || step == WorkflowStep.DONE
                || (step == WorkflowStep.READY && status == ItemStatus.IN_PROGRESS);
    }

    /** Verdicts name this item's criteria, each once; an acceptance judges every one of them. */
    private void requireVerdictsOn(List<CriterionVerdict> review, boolean everyCriterion) {
        Set<UUID> known = new HashSet<>();
        acceptanceCriteria.forEach(c -> known.add(c.id()));
        Set<UUID> judged = new HashSet<>();
        for (CriterionVerdict verdict : review) {
            if (!known.contains(verdict.criterionId())) {
                throw new InvalidValue("criteria", "names " + verdict.criterionId() + ", which is not a criterion of this item");
            }
            if (!judged.add(verdict.criterionId())) {
                throw new InvalidValue("criteria", "judges " + verdict.criterionId() + " twice");
            }
        }
        if (everyCriterion && !judged.containsAll(known)) {
            throw new CriteriaNotJudged(acceptanceCriteria.stream().map(AcceptanceCriterion::id)
                    .filter(criterion -> !judged.contains(criterion)).toList());
        }
    }

    private static List<CriterionVerdict> normalized(List<CriterionVerdict> review) {
        return review.stream().map(v -> new CriterionVerdict(v.criterionId(), v.met(),
                v.note() == null || v.note().isBlank() ? null : v.note().strip())).toList();
    }

    /**
     * The definition of ready: a complete user story, at least one acceptance criterion, an estimate, and no blocker
     * still open ({@code openBlockers}: the item's blockers that are neither accepted nor discarded).
     */
    public List<String> unmetDefinitionOfReady(Set<UUID> openBlockers) {
        List<String> missing = new ArrayList<>();
        if (story == null || !story.hasAllParts()) {
            missing.add("story (as a / I want / so that)");
        }
        if (acceptanceCriteria.isEmpty()) {
            missing.add("at least one acceptance criterion");
        }
        if (jobSize == null) {
            missing.add("estimate (jobSize)");
        }
        openBlockers.stream().sorted().forEach(blocker -> missing.add("blocker " + blocker + " done (accepted or discarded)"));
        return missing;
    }

    public Priority priority() {
        return Priority.of(this);
    }

    // ---- helpers ----

    private void requireReady(Set<UUID> openBlockers) {
        List<String> missing = unmetDefinitionOfReady(openBlockers);
        if (!missing.isEmpty()) {
            throw new NotReady(missing);
        }
    }

    /** Accepted items are closed for good; discarded ones until they are restored. */
    private void requireOpen() {
        switch (status) {
            case ACCEPTED -> throw new ItemClosed();
            case DISCARDED -> throw new ItemIsDiscarded(discarded);
            case NEW, READY, IN_PROGRESS, DONE -> {
            }
        }
    }

    private AcceptanceCriterion criterion(UUID criterionId) {
        return acceptanceCriteria.stream().filter(c -> c.id().equals(criterionId)).findFirst()
                .orElseThrow(() -> new CriterionNotFound(criterionId));
    }

    private static CostOfDelayAssessed costOfDelay(Integer value, Integer criticality, Integer risk) {
        if (value == null || criticality == null || risk == null) {
            throw new BacklogRuleViolation.InvalidValue("costOfDelay",
                    "needs businessValue, timeCriticality and riskReduction together the first time");
        }
        WsjfScale.require("businessValue", value);
        WsjfScale.require("timeCriticality", criticality);
        WsjfScale.require("riskReduction", risk);
        return new CostOfDelayAssessed(value, criticality, risk);
    }

    private static String requireText(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new BacklogRuleViolation.InvalidValue(field, "must not be blank");
        }
        return text;
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.add(element);
        return List.copyOf(copy);
    }

    private BacklogItem with(ItemType newType, String newTitle, UserStory newStory) {
        return new BacklogItem(id, productId, newType, newTitle, newStory, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, status, lastRejection, roadmap, demand, discarded, finishedBy, relations, pin, inputs, scoring);
    }

    private BacklogItem withCriteria(List<AcceptanceCriterion> criteria) {
        return new BacklogItem(id, productId, type, title, story, List.copyOf(criteria), jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, status, lastRejection, roadmap, demand, discarded, finishedBy, relations, pin, inputs, scoring);
    }

    private BacklogItem withInitiative(UUID newInitiativeId, RoadmapContext newRoadmap) {
        return new BacklogItem(id, productId, type, title, story, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, newInitiativeId, status, lastRejection, newRoadmap, demand, discarded, finishedBy, relations, pin, inputs, scoring);
    }

    private BacklogItem withDemand(DemandSignal newDemand) {
        return new BacklogItem(id, productId, type, title, story, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, status, lastRejection, roadmap, newDemand, discarded, finishedBy, relations, pin, inputs, scoring);
    }

    private BacklogItem withStatus(ItemStatus newStatus, Rejection rejection) {
        return new BacklogItem(id, productId, type, title, story, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, newStatus, rejection, roadmap, demand, discarded, finishedBy, relations, pin, inputs, scoring);
    }

    private BacklogItem withRelations(Relations newRelations) {
        return new BacklogItem(id, productId, type, title, story, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, status, lastRejection, roadmap, demand, discarded,
                finishedBy, newRelations, pin, inputs, scoring);
    }

    private static Set<UUID> plus(Set<UUID> set, UUID element) {
        Set<UUID> copy = new HashSet<>(set);
        copy.add(element);
        return copy;
    }

    private static Set<UUID> minus(Set<UUID> set, UUID element) {
        Set<UUID> copy = new HashSet<>(set);
        copy.remove(element);
        return copy;
    }

    private BacklogItem finishedBy(String actor) {
        return new BacklogItem(id, productId, type, title, story, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, status, lastRejection, roadmap, demand, discarded,
                actor, relations, pin, inputs, scoring);
    }

    /** The criteria with the verdicts of a review; criteria it did not judge keep their last verdict. */
    private BacklogItem reviewed(List<CriterionVerdict> verdicts, String reviewer) {
        return withCriteria(acceptanceCriteria.stream().map(criterion -> verdicts.stream()
                .filter(v -> v.criterionId().equals(criterion.id())).findFirst()
                .map(v -> new AcceptanceCriterion(criterion.id(), criterion.text(),
                        new AcceptanceCriterion.LastVerdict(v.met(), v.note(), reviewer)))
                .orElse(criterion)).toList());
    }

    private BacklogItem withScoring(ScoreInputs newInputs, ScoringModel newScoring) {
        return new BacklogItem(id, productId, type, title, story, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, status, lastRejection, roadmap, demand, discarded,
                finishedBy, relations, pin, newInputs, newScoring);
    }

    private BacklogItem withPin(Pin newPin) {
        return new BacklogItem(id, productId, type, title, story, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, status, lastRejection, roadmap, demand, discarded,
                finishedBy, relations, newPin, inputs, scoring);
    }

    /** A discarded item leaves the order, and its pin with it (a restored item is ranked by its score). */
    private BacklogItem discardedAs(Discard discard) {
        return new BacklogItem(id, productId, type, title, story, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, ItemStatus.DISCARDED, lastRejection, roadmap, demand,
                discard, finishedBy, relations, null, inputs, scoring);
    }

    private BacklogItem restoredWith(RoadmapContext currentRoadmap, DemandSignal currentDemand) {
        return new BacklogItem(id, productId, type, title, story, acceptanceCriteria, jobSize, businessValue,
                timeCriticality, riskReduction, labels, initiativeId, ItemStatus.NEW, lastRejection, currentRoadmap,
                currentDemand, null, finishedBy, relations, pin, inputs, scoring);
    }
}
