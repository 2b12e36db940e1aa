package dev.northstar.roadmap.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * Why an initiative is worth doing, in numbers: what it costs (money, or effort in person-weeks), what it is expected to
 * bring (revenue or retained revenue per year, or a key result's expected delta), how sure the product manager is, and how
 * many months pass before the value starts. Risk-adjusted value = expected value x confidence.
 * <ul>
 *   <li>ROI = (risk-adjusted value - cost) / cost, when both are money;</li>
 *   <li>payback = time to value + cost / (risk-adjusted value / 12) months, when both are money and the value is above 0;</li>
 *   <li>value per cost = risk-adjusted value / cost, always: the yardstick when cost and value are in other units.</li>
 * </ul>
 */
public record BusinessCase(BigDecimal cost, CostUnit costUnit, BigDecimal expectedValue, ValueKind valueKind,
                           UUID keyResultId, int confidence, int timeToValueMonths) {
    private static final BigDecimal MAX = new BigDecimal("1e12");

    public enum CostUnit {
        MONEY, PERSON_WEEKS
    }

    /** REVENUE and RETENTION are money per year; KEY_RESULT is the expected delta of the key result's metric. */
    public enum ValueKind {
        REVENUE, RETENTION, KEY_RESULT
    }

    public static BusinessCase of(BigDecimal cost, CostUnit costUnit, BigDecimal expectedValue, ValueKind valueKind,
                                  UUID keyResultId, Integer confidence, Integer timeToValueMonths) {
        if (cost == null || cost.signum() <= 0 || cost.compareTo(MAX) >= 0) {
            throw new RoadmapRuleViolation.InvalidValue("cost", "must be above 0 and below 10^12");
        }
        if (expectedValue == null || expectedValue.abs().compareTo(MAX) >= 0) {
            throw new RoadmapRuleViolation.InvalidValue("expectedValue", "is required, below 10^12");
        }
        if ((valueKind == ValueKind.KEY_RESULT) != (keyResultId != null)) {
            throw new RoadmapRuleViolation.InvalidValue("keyResultId", "names the key result exactly when valueKind is KEY_RESULT");
        }
        if (confidence == null || confidence < 0 || confidence > 100) {
            throw new RoadmapRuleViolation.InvalidValue("confidence", "must be a percentage from 0 to 100");
        }
        int months = timeToValueMonths == null ? 0 : timeToValueMonths;
        if (months < 0 || months > 120) {
            throw new RoadmapRuleViolation.InvalidValue("timeToValueMonths", "must be from 0 to 120");
        }
        return new BusinessCase(cents(cost), costUnit == null ? CostUnit.MONEY : costUnit, cents(expectedValue),
                valueKind == null ? ValueKind.REVENUE : valueKind, keyResultId, confidence, months);
    }

    /** At most two decimals, none when they are zero (so 120000.00 and 120000 are the same case). */
    private static BigDecimal cents(BigDecimal value) {
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    public BigDecimal riskAdjustedValue() {
        return cents(expectedValue.multiply(BigDecimal.valueOf(confidence)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
    }

    private boolean inMoney() {
        return costUnit == CostUnit.MONEY && valueKind != ValueKind.KEY_RESULT;
    }

    /** Null unless cost and value are both money. */
    public BigDecimal roi() {
        return inMoney() ? riskAdjustedValue().subtract(cost).divide(cost, 2, RoundingMode.HALF_UP) : null;
    }

    /** Months until the risk-adjusted value has paid the cost back; null unless both are money and the value is above 0. */
    public BigDecimal paybackMonths() {
        BigDecimal value = riskAdjustedValue();
        if (!inMoney() || value.signum() <= 0) {
            return null;
        }
        return cost.multiply(BigDecimal.valueOf(12)).divide(value, 1, RoundingMode.HALF_UP).add(BigDecimal.valueOf(timeToValueMonths));
    }

    public BigDecimal valuePerCost() {
        return riskAdjustedValue().divide(cost, 4, RoundingMode.HALF_UP);
    }
}
