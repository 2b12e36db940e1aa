package dev.northstar.roadmap.domain;

import dev.northstar.contracts.KeyResultMetrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A measurable result an objective is read from: a metric moving from its baseline to its target by the due date.
 * {@code source} says where its actual value comes from: ANALYTICS for the metrics analytics-service computes
 * ({@link KeyResultMetrics}), MEASURED for anything tools report through measurements. One key result of a product
 * may be its north star.
 */
public record KeyResult(UUID id, String metric, Source source, String unit, BigDecimal baseline, BigDecimal target,
                        Direction direction, LocalDate dueDate, boolean northStar) {
    private static final Pattern METRIC = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_.-]{0,99}$");
    private static final BigDecimal LIMIT = new BigDecimal("1e12");

    public enum Direction {
        INCREASE, DECREASE
    }

    public enum Source {
        ANALYTICS, MEASURED
    }

    /** What a product manager writes down; the rest (id, source, defaults) is derived. */
    public record Draft(String metric, String unit, BigDecimal baseline, BigDecimal target, Direction direction,
                        LocalDate dueDate, Boolean northStar) {
    }

    static KeyResult define(UUID id, Draft draft, ObjectivePeriod period) {
        String metric = Text.required("metric", draft.metric());
        if (!METRIC.matcher(metric).matches()) {
            throw new RoadmapRuleViolation.InvalidValue("metric",
                    "must be a metric name of letters, digits, dots, dashes and underscores, such as nps.30d or weekly.checkouts");
        }
        BigDecimal baseline = number("baseline", draft.baseline());
        BigDecimal target = number("target", draft.target());
        if (baseline.compareTo(target) == 0) {
            throw new RoadmapRuleViolation.InvalidValue("target", "must differ from the baseline: a key result moves a metric");
        }
        Direction direction = baseline.compareTo(target) < 0 ? Direction.INCREASE : Direction.DECREASE;
        if (draft.direction() != null && draft.direction() != direction) {
            throw new RoadmapRuleViolation.InvalidValue("direction", "is " + draft.direction() + " but the target "
                    + target.toPlainString() + " lies in the other direction from the baseline " + baseline.toPlainString());
        }
        LocalDate due = draft.dueDate() == null ? period.end() : draft.dueDate();
        if (due.isBefore(period.start())) {
            throw new RoadmapRuleViolation.InvalidValue("dueDate", "must not be before the period " + period.label()
                    + " starts (" + period.start() + ")");
        }
        boolean analytics = KeyResultMetrics.computedByAnalytics(metric);
        String unit = Text.optional(draft.unit()) != null ? Text.optional(draft.unit())
                : KeyResultMetrics.unitOf(metric).orElse(null);
        return new KeyResult(id, metric, analytics ? Source.ANALYTICS : Source.MEASURED,
                unit, baseline, target, direction, due, Boolean.TRUE.equals(draft.northStar()));
    }

    /** This key result with the draft's non-null fields laid over it. */
    KeyResult revise(Draft changes, ObjectivePeriod period) {
        return define(id, new Draft(metric,
                changes.unit() == null ? unit : changes.unit(),
                changes.baseline() == null ? baseline : changes.baseline(),
                changes.target() == null ? target : changes.target(),
                changes.direction(),
                changes.dueDate() == null ? dueDate : changes.dueDate(),
                changes.northStar() == null ? northStar : changes.northStar()), period);
    }

    boolean measuredFromOutside() {
        return source == Source.MEASURED;
    }

    static BigDecimal number(String field, BigDecimal value) {
        if (value == null) {
            throw new RoadmapRuleViolation.InvalidValue(field, "is required");
        }
        if (value.abs().compareTo(LIMIT) >= 0) {
            throw new RoadmapRuleViolation.InvalidValue(field, "must lie between -10^12 and 10^12");
        }
        if (value.scale() > 6) {
            throw new RoadmapRuleViolation.InvalidValue(field, "must have at most 6 decimals");
        }
        return value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
    }
}
