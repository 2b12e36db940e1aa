package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Everything that can happen to a backlog item. Published on {@code northstar.backlog.events} as {@code northstar.backlog.<Name>.v1}. */
public sealed interface BacklogItemEvent {

    /** {@code scoring}: the product's scoring model when it is not WSJF (null: WSJF). */
    record ItemCreated(UUID itemId, UUID productId, ItemType type, String title, UserStory story, Set<String> labels,
                       ScoringModel scoring) implements BacklogItemEvent {
        public ItemCreated(UUID itemId, UUID productId, ItemType type, String title, UserStory story, Set<String> labels) {
            this(itemId, productId, type, title, story, labels, null);
        }
    }

    /** The product owner gave inputs of the product's RICE, ICE or WEIGHTED model (laid over those the item had). */
    record ScoringInputsSet(ScoreInputs inputs) implements BacklogItemEvent {
    }

    /**
     * The product's scoring model changed (or the item came back under a new one): the model that scores the item now,
     * the score and rank before and after, the ScoringModelChanged that did it (null for a restore).
     */
    record ItemRescored(ScoringModel model, BigDecimal oldScore, BigDecimal newScore, Integer oldRank, Integer newRank,
                        PriorityCause cause, boolean pinHeld) implements BacklogItemEvent {
    }

    record ItemDetailsEdited(ItemType type, String title, UserStory story) implements BacklogItemEvent {
    }

    record AcceptanceCriterionAdded(UUID criterionId, String text) implements BacklogItemEvent {
    }

    record AcceptanceCriterionEdited(UUID criterionId, String text) implements BacklogItemEvent {
    }

    record AcceptanceCriterionRemoved(UUID criterionId) implements BacklogItemEvent {
    }

    record ItemEstimated(int jobSize) implements BacklogItemEvent {
    }

    record CostOfDelayAssessed(int businessValue, int timeCriticality, int riskReduction) implements BacklogItemEvent {
    }

    record ItemLabelled(Set<String> labels) implements BacklogItemEvent {
    }

    /** {@code roadmap} is what backlog-service knew of the initiative at the time, or null if nothing yet. */
    record ItemLinkedToInitiative(UUID initiativeId, RoadmapContext roadmap) implements BacklogItemEvent {
    }

    record ItemUnlinkedFromInitiative(UUID initiativeId) implements BacklogItemEvent {
    }

    record ItemMadeReady() implements BacklogItemEvent {
    }

    record ItemReturnedToNew() implements BacklogItemEvent {
    }

    record WorkStarted() implements BacklogItemEvent {
    }

    record WorkPaused() implements BacklogItemEvent {
    }

    /** {@code finishedBy}: who finished the work (null in events recorded before it was kept). */
    record WorkFinished(String finishedBy) implements BacklogItemEvent {
    }

    /** The product owner accepted the finished work, with a verdict on each acceptance criterion (all met). */
    record ItemAccepted(String acceptedBy, List<CriterionVerdict> criteria) implements BacklogItemEvent {
        public ItemAccepted {
            criteria = criteria == null ? List.of() : List.copyOf(criteria);
        }
    }

    /** The product owner sent the work back, with a reason and any verdicts on the acceptance criteria. */
    record ItemRejected(String reason, String rejectedBy, List<CriterionVerdict> criteria) implements BacklogItemEvent {
        public ItemRejected {
            criteria = criteria == null ? List.of() : List.copyOf(criteria);
        }
    }

    /** The item now sits in an epic (an ItemTakenOutOfEpic of the previous one comes first). */
    record ItemPlacedInEpic(UUID epicId) implements BacklogItemEvent {
    }

    record ItemTakenOutOfEpic(UUID epicId) implements BacklogItemEvent {
    }

    /** Another item of the product must be done (accepted or discarded) before this one can be made ready. */
    record BlockerAdded(UUID blockerId) implements BacklogItemEvent {
    }

    record BlockerRemoved(UUID blockerId) implements BacklogItemEvent {
    }

    /** The product owner decided the item will not be done ("won't do"), from the status it had. */
    record ItemDiscarded(String reason, String discardedBy, ItemStatus from) implements BacklogItemEvent {
    }

    /**
     * A discarded item is back, as NEW, with the roadmap context and customer demand of the day it came back (either
     * may be null: no initiative, or no demand known).
     */
    record ItemRestored(String restoredBy, RoadmapContext roadmap, DemandSignal demand) implements BacklogItemEvent {
    }

    /** The product owner put the item at a place by hand, with a reason: the backlog orders it by the pin's sort key. */
    record ItemPinned(BigDecimal sortKey, PinPlace place, String reason, String pinnedBy, Instant pinnedAt)
            implements BacklogItemEvent {
    }

    /** The item is ordered by its score again. */
    record ItemUnpinned(String unpinnedBy) implements BacklogItemEvent {
    }

    /**
     * Customer demand for the item changed (analytics' demand metric): new demand, score and rank before and after, why.
     * {@code pinHeld}: the item is pinned, so its place held whatever the score did.
     */
    record ItemDemandChanged(DemandSignal demand, BigDecimal oldScore, BigDecimal newScore, Integer oldRank, Integer newRank,
                             PriorityCause cause, boolean pinHeld) implements BacklogItemEvent {
    }

    /**
     * The roadmap changed under the item: new context, the score and rank before and after, and which roadmap event did
     * it. {@code pinHeld}: the item is pinned, so its place held whatever the score did.
     */
    record ItemReprioritized(RoadmapContext roadmap, BigDecimal oldScore, BigDecimal newScore, Integer oldRank,
                             Integer newRank, PriorityCause cause, boolean pinHeld) implements BacklogItemEvent {
    }
}
