package dev.northstar.roadmap.domain;

import java.util.List;

/** A roadmap command the current state does not allow. */
public sealed abstract class RoadmapRuleViolation extends RuntimeException {

    protected RoadmapRuleViolation(String message) {
        super(message);
    }

    public static final class StatusChangeNotAllowed extends RoadmapRuleViolation {
        private final InitiativeStatus from;
        private final InitiativeStatus to;

        public StatusChangeNotAllowed(InitiativeStatus from, InitiativeStatus to) {
            super("an initiative that is " + from + " cannot become " + to + "; allowed: "
                    + (from.allowedNext().isEmpty() ? "none, the initiative is " + from : from.allowedNext()));
            this.from = from;
            this.to = to;
        }

        public InitiativeStatus from() {
            return from;
        }

        public InitiativeStatus to() {
            return to;
        }

        public List<InitiativeStatus> allowed() {
            return from.allowedNext();
        }
    }

    /** A DONE or DROPPED initiative, or a retired theme, takes no more changes. */
    public static final class Closed extends RoadmapRuleViolation {
        public Closed(String what) {
            super(what + " is closed to changes");
        }
    }

    public static final class InvalidValue extends RoadmapRuleViolation {
        private final String field;

        public InvalidValue(String field, String message) {
            super(field + " " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A product has one north-star key result; marking another needs the first one unmarked. */
    public static final class NorthStarTaken extends RoadmapRuleViolation {
        public NorthStarTaken(String metric, String objectiveTitle) {
            super("the product's north star is already the key result " + metric + " of objective " + objectiveTitle
                    + "; unmark it first (PATCH it with northStar false)");
        }
    }

    /** A key result on a metric analytics-service computes takes no measurements from outside. */
    public static final class MeasuredByAnalytics extends RoadmapRuleViolation {
        public MeasuredByAnalytics(String metric) {
            super("the key result's metric " + metric + " is computed by analytics-service from the product's events;"
                    + " only key results on other metrics take measurements");
        }
    }
}
