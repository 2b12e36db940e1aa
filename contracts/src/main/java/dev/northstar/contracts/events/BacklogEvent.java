package dev.northstar.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.northstar.contracts.events.Require.present;

/**
 * {@code northstar.backlog.events}, published by backlog-service. Key and {@code ce_subject}: the item id (the
 * product id for the product's backlog settings).
 * Item types are STORY, BUG, SPIKE, TECH_DEBT, EPIC (strings, so that a new value does not break a reader).
 */
public sealed interface BacklogEvent extends PublishedEvent {
    String CONTEXT = "backlog";

    record Story(String asA, String iWant, String soThat) {
    }

    /**
     * What backlog-service knew of the initiative an item serves when the event happened; {@code initiativeRoi}: the ROI of
     * the initiative's business case when the product lets business cases scale priority (null otherwise).
     */
    record RoadmapContext(UUID initiativeId, String horizon, String initiativeStatus, UUID themeId, BigDecimal themeWeight,
                          BigDecimal initiativeRoi) {
    }

    /** Distinct accounts asking for an item or its initiative, as analytics counted them. */
    record Demand(int accounts) {
    }

    /** The event of another service that changed an item's priority. */
    record PriorityCause(UUID eventId, String eventType) {
    }

    /** An input of a scoring model: a NUMBER within min..max, or a SELECT whose options each have a value; a weight in WEIGHTED. */
    record ScoringField(String name, String type, BigDecimal min, BigDecimal max, BigDecimal weight, Map<String, BigDecimal> options) {
    }

    /** How a product scores its backlog: kind WSJF, RICE, ICE or WEIGHTED (with the product's fields and effort field). */
    record ScoringModel(String kind, List<ScoringField> fields, String effortField) {
    }

    /** An item's inputs to a RICE, ICE or WEIGHTED model. */
    record ScoreInputs(Map<String, BigDecimal> numbers, Map<String, String> choices) {
    }

    /** {@code scoring}: the product's scoring model when the item was created, if not WSJF (null: WSJF). */
    record ItemCreated(UUID itemId, UUID productId, String type, String title, Story story, Set<String> labels,
                       ScoringModel scoring) implements BacklogEvent {
        public ItemCreated {
            present(itemId, "itemId");
            present(productId, "productId");
            present(type, "type");
            present(title, "title");
        }
    }

    record ItemDetailsEdited(String type, String title, Story story) implements BacklogEvent {
        public ItemDetailsEdited {
            present(title, "title");
        }
    }

    record AcceptanceCriterionAdded(UUID criterionId, String text) implements BacklogEvent {
        public AcceptanceCriterionAdded {
            present(criterionId, "criterionId");
            present(text, "text");
        }
    }

    record AcceptanceCriterionEdited(UUID criterionId, String text) implements BacklogEvent {
        public AcceptanceCriterionEdited {
            present(criterionId, "criterionId");
            present(text, "text");
        }
    }

    record AcceptanceCriterionRemoved(UUID criterionId) implements BacklogEvent {
        public AcceptanceCriterionRemoved {
            present(criterionId, "criterionId");
        }
    }

    record ItemEstimated(int jobSize) implements BacklogEvent {
    }

    record CostOfDelayAssessed(int businessValue, int timeCriticality, int riskReduction) implements BacklogEvent {
    }

    record ItemLabelled(Set<String> labels) implements BacklogEvent {
    }

    record ItemLinkedToInitiative(UUID initiativeId, RoadmapContext roadmap) implements BacklogEvent {
        public ItemLinkedToInitiative {
            present(initiativeId, "initiativeId");
        }
    }

    record ItemUnlinkedFromInitiative(UUID initiativeId) implements BacklogEvent {
    }

    record ItemMadeReady() implements BacklogEvent {
    }

    record ItemReturnedToNew() implements BacklogEvent {
    }

    record WorkStarted() implements BacklogEvent {
    }

    record WorkPaused() implements BacklogEvent {
    }

    /** {@code finishedBy} is null in events recorded before it was kept. */
    record WorkFinished(String finishedBy) implements BacklogEvent {
    }

    /** A reviewer's verdict on one acceptance criterion. */
    record CriterionVerdict(UUID criterionId, boolean met, String note) {
    }

    /** {@code criteria}: a verdict on each acceptance criterion, all met (null in events recorded before verdicts). */
    record ItemAccepted(String acceptedBy, List<CriterionVerdict> criteria) implements BacklogEvent {
    }

    /** {@code criteria}: the reviewer's verdicts, naming the unmet criteria (null in events recorded before verdicts). */
    record ItemRejected(String reason, String rejectedBy, List<CriterionVerdict> criteria) implements BacklogEvent {
    }

    /** The product's backlog settings: may whoever finished an item accept it. Key and subject: the product id. */
    /**
     * The product owner let the ROI of initiatives' business cases scale the priority of their items, or stopped it (keyed by
     * the product); an ItemReprioritized with this event as its cause follows on each item it changes.
     */
    record BusinessCaseScalingChanged(UUID productId, boolean enabled) implements BacklogEvent {
        public BusinessCaseScalingChanged {
            present(productId, "productId");
        }
    }

    record AcceptancePolicyChanged(UUID productId, boolean allowSelfAcceptance) implements BacklogEvent {
        public AcceptancePolicyChanged {
            present(productId, "productId");
        }
    }

    /** The product's scoring model changed; every open item is rescored under it. Key and subject: the product id. */
    record ScoringModelChanged(UUID productId, ScoringModel model) implements BacklogEvent {
        public ScoringModelChanged {
            present(productId, "productId");
            present(model, "model");
        }
    }

    /** The product owner gave the item inputs of the product's RICE, ICE or WEIGHTED model (laid over those it had). */
    record ScoringInputsSet(ScoreInputs inputs) implements BacklogEvent {
        public ScoringInputsSet {
            present(inputs, "inputs");
        }
    }

    /**
     * The item is scored by another model now: the model, score and rank before and after, and the ScoringModelChanged
     * behind it (null when a restored item came back under a model changed meanwhile).
     */
    record ItemRescored(ScoringModel model, BigDecimal oldScore, BigDecimal newScore, Integer oldRank, Integer newRank,
                        PriorityCause cause, Boolean pinHeld) implements BacklogEvent {
        public ItemRescored {
            present(model, "model");
        }
    }

    /** The item now sits in an epic (an ItemTakenOutOfEpic of the previous one comes first). */
    record ItemPlacedInEpic(UUID epicId) implements BacklogEvent {
        public ItemPlacedInEpic {
            present(epicId, "epicId");
        }
    }

    record ItemTakenOutOfEpic(UUID epicId) implements BacklogEvent {
        public ItemTakenOutOfEpic {
            present(epicId, "epicId");
        }
    }

    /** Another item of the product must be done before this one can be made ready. */
    record BlockerAdded(UUID blockerId) implements BacklogEvent {
        public BlockerAdded {
            present(blockerId, "blockerId");
        }
    }

    record BlockerRemoved(UUID blockerId) implements BacklogEvent {
        public BlockerRemoved {
            present(blockerId, "blockerId");
        }
    }

    /** The product owner decided the item will not be done; {@code from} is the status it had (a string). */
    record ItemDiscarded(String reason, String discardedBy, String from) implements BacklogEvent {
        public ItemDiscarded {
            present(reason, "reason");
            present(from, "from");
        }
    }

    /** A discarded item is back as NEW, with the roadmap context and demand of the day (either may be null). */
    record ItemRestored(String restoredBy, RoadmapContext roadmap, Demand demand) implements BacklogEvent {
    }

    /** Where a pin asked the item to go: directly above or below another item, or at a rank (one of the three). */
    record PinPlace(UUID above, UUID below, Integer position) {
    }

    /** The product owner put the item at a place by hand, with a reason; it keeps its score. */
    record ItemPinned(BigDecimal sortKey, PinPlace place, String reason, String pinnedBy, Instant pinnedAt) implements BacklogEvent {
        public ItemPinned {
            present(sortKey, "sortKey");
            present(place, "place");
            present(reason, "reason");
        }
    }

    /** The item is ordered by its score again. */
    record ItemUnpinned(String unpinnedBy) implements BacklogEvent {
    }

    /** {@code pinHeld}: the item is pinned, so its place held whatever the score did (null in events from before pins: false). */
    record ItemDemandChanged(Demand demand, BigDecimal oldScore, BigDecimal newScore, Integer oldRank, Integer newRank,
                             PriorityCause cause, Boolean pinHeld) implements BacklogEvent {
    }

    /** {@code pinHeld}: the item is pinned, so its place held whatever the score did (null in events from before pins: false). */
    record ItemReprioritized(RoadmapContext roadmap, BigDecimal oldScore, BigDecimal newScore, Integer oldRank,
                             Integer newRank, PriorityCause cause, Boolean pinHeld) implements BacklogEvent {
    }
}
