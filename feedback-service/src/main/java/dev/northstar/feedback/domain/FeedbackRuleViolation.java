package dev.northstar.feedback.domain;

/** A feedback command the current state or input does not allow. */
public sealed abstract class FeedbackRuleViolation extends RuntimeException {

    protected FeedbackRuleViolation(String message) {
        super(message);
    }

    public static final class InvalidValue extends FeedbackRuleViolation {
        private final String field;

        public InvalidValue(String field, String message) {
            super(field + " " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The submitter named a competitor the product does not have (by name or keyword). */
    public static final class UnknownCompetitor extends FeedbackRuleViolation {
        public UnknownCompetitor(String named) {
            super("competitor \"" + named + "\" is not one of this product's competitors (nor a keyword of one)");
        }
    }

    /** One vote per customer per target. */
    public static final class AlreadyVoted extends FeedbackRuleViolation {
        public AlreadyVoted(String customerId) {
            super("customer " + customerId + " has already voted for this target");
        }
    }
}
