package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A command the item's current state does not allow. Each kind says what the client can do instead. */
public sealed abstract class BacklogRuleViolation extends RuntimeException {

    protected BacklogRuleViolation(String message) {
        super(message);
    }

    /** The item cannot take this workflow step from where it is. */
    public static final class TransitionNotAllowed extends BacklogRuleViolation {
        private final ItemStatus from;
        private final WorkflowStep to;
        private final List<WorkflowStep> allowed;

        public TransitionNotAllowed(ItemStatus from, WorkflowStep to) {
            super("an item that is " + from + " cannot become " + to + "; allowed: "
                    + (WorkflowStep.allowedFrom(from).isEmpty() ? "none, the item is closed" : WorkflowStep.allowedFrom(from)));
            this.from = from;
            this.to = to;
            this.allowed = WorkflowStep.allowedFrom(from);
        }

        public ItemStatus from() {
            return from;
        }

        public WorkflowStep to() {
            return to;
        }

        public List<WorkflowStep> allowed() {
            return allowed;
        }
    }

    /** The definition of ready is not met: the item lacks a story, acceptance criteria or an estimate. */
    public static final class NotReady extends BacklogRuleViolation {
        private final List<String> missing;

        public NotReady(List<String> missing) {
            super("the item does not meet the definition of ready; missing: " + String.join(", ", missing));
            this.missing = missing;
        }

        public List<String> missing() {
            return missing;
        }
    }

    /** Accepted work is closed; a change needs a new item. */
    public static final class ItemClosed extends BacklogRuleViolation {
        public ItemClosed() {
            super("the item is ACCEPTED and closed to changes; create a new item for further work");
        }
    }

    /** A discarded item takes no changes and no workflow steps until it is restored. */
    public static final class ItemIsDiscarded extends BacklogRuleViolation {
        public ItemIsDiscarded(Discard discard) {
            super("the item is DISCARDED (" + discard.reason() + "); restore it first");
        }
    }

    /** Only a discarded item can be restored. */
    public static final class ItemNotDiscarded extends BacklogRuleViolation {
        private final ItemStatus status;

        public ItemNotDiscarded(ItemStatus status) {
            super("only a DISCARDED item can be restored; this one is " + status);
            this.status = status;
        }

        public ItemStatus status() {
            return status;
        }
    }

    public static final class CriterionNotFound extends BacklogRuleViolation {
        public CriterionNotFound(UUID criterionId) {
            super("the item has no acceptance criterion " + criterionId);
        }
    }

    /** An input outside the domain's value ranges (e.g. an estimate off the scale). */
    public static final class InvalidValue extends BacklogRuleViolation {
        private final String field;

        public InvalidValue(String field, String message) {
            super(field + " " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Accepting, rejecting or moving work back is the product owner's; team members start, pause and finish. */
    public static final class NeedsProductOwner extends BacklogRuleViolation {
        public NeedsProductOwner(WorkflowStep step) {
            super("moving an item to " + step + " needs the product-owner role; team members start, pause and finish work");
        }
    }

    /** Whoever finished the work does not accept it, unless the product allows self-acceptance. */
    public static final class SelfAcceptance extends BacklogRuleViolation {
        public SelfAcceptance(String actor) {
            super(actor + " finished this item; someone else accepts it (the product's acceptance policy does not allow "
                    + "self-acceptance)");
        }
    }

    /** An acceptance judges every acceptance criterion of the item. */
    public static final class CriteriaNotJudged extends BacklogRuleViolation {
        private final List<UUID> criteria;

        public CriteriaNotJudged(List<UUID> criteria) {
            super("accepting needs a verdict on every acceptance criterion; no verdict on " + criteria);
            this.criteria = List.copyOf(criteria);
        }

        public List<UUID> criteria() {
            return criteria;
        }
    }

    /** Work with an unmet acceptance criterion is rejected, not accepted. */
    public static final class CriteriaNotMet extends BacklogRuleViolation {
        private final List<UUID> criteria;

        public CriteriaNotMet(List<UUID> criteria) {
            super("every acceptance criterion must be met to accept; not met: " + criteria + " (reject the item instead)");
            this.criteria = List.copyOf(criteria);
        }

        public List<UUID> criteria() {
            return criteria;
        }
    }

    /** Epics hold items one level deep and take no workflow steps themselves. */
    public static final class EpicStructure extends BacklogRuleViolation {
        public EpicStructure(String message) {
            super(message);
        }
    }

    /** A blocker that waits, directly or not, for the item it would block. */
    public static final class DependencyCycle extends BacklogRuleViolation {
        public DependencyCycle(UUID item, UUID blocker) {
            super(item.equals(blocker) ? "an item cannot block itself"
                    : "item " + blocker + " already waits, directly or through others, for item " + item
                    + "; blocking " + item + " with it would close a cycle");
        }
    }

    public static final class RejectionNeedsReason extends BacklogRuleViolation {
        public RejectionNeedsReason() {
            super("a rejection needs a reason the team can act on");
        }
    }

    /** A pin placed against an item that is not in this backlog's ranking (another product's, accepted, discarded, unknown). */
    public static final class NotRanked extends BacklogRuleViolation {
        private final String field;

        public NotRanked(String field, UUID itemId) {
            super("item " + itemId + " is not a ranked item of this backlog (it must be open: neither accepted nor discarded)");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Pins placed again and again between the same two items left no sort key between them. */
    public static final class NoRoomForPin extends BacklogRuleViolation {
        public NoRoomForPin(BigDecimal higher, BigDecimal lower) {
            super("no sort key is left between " + higher.toPlainString() + " and " + lower.toPlainString()
                    + " after many pins between the same items; unpin one of them or pin the item at another place");
        }
    }
}
