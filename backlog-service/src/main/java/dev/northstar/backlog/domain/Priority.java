package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Weighted Shortest Job First with roadmap context:
 * <pre>
 * costOfDelay         = businessValue + demandBonus + timeCriticality + riskReduction
 * adjustedCostOfDelay = (costOfDelay + horizonBonus) x themeWeight x initiativeStatusFactor
 * score               = adjustedCostOfDelay / jobSize, rounded half-up to two decimals
 * </pre>
 * horizonBonus is 8 for an open initiative in NOW, 3 in NEXT, 0 otherwise; themeWeight is the weight of
 * the initiative's theme (1 without one); initiativeStatusFactor is 0.25 when the initiative was dropped;
 * demandBonus comes from customer demand ({@link DemandSignal}).
 * An item missing an input has no score and sorts after every scored item.
 */
public record Priority(Integer businessValue, int demandBonus, Integer timeCriticality, Integer riskReduction, Integer costOfDelay,
                       int horizonBonus, BigDecimal themeWeight, BigDecimal initiativeStatusFactor,
                       BigDecimal adjustedCostOfDelay, Integer jobSize, BigDecimal score, List<String> missing) {

    public static final String FORMULA = "score = (businessValue + demandBonus + timeCriticality + riskReduction + horizonBonus)"
            + " x themeWeight x initiativeStatusFactor / jobSize";

    public static Priority of(BacklogItem item) {
        List<String> missing = new ArrayList<>();
        if (item.businessValue() == null) {
            missing.add("businessValue");
            missing.add("timeCriticality");
            missing.add("riskReduction");
        }
        if (item.jobSize() == null) {
            missing.add("jobSize");
        }
        RoadmapContext roadmap = item.roadmap();
        int horizonBonus = roadmap == null ? 0 : roadmap.horizonBonus();
        BigDecimal weight = roadmap == null ? BigDecimal.ONE : roadmap.weight();
        BigDecimal statusFactor = roadmap == null ? BigDecimal.ONE : roadmap.statusFactor();
        int demandBonus = item.demand() == null ? 0 : item.demand().bonus();
        Integer costOfDelay = item.businessValue() == null ? null
                : item.businessValue() + demandBonus + item.timeCriticality() + item.riskReduction();
        BigDecimal adjusted = costOfDelay == null ? null
                : BigDecimal.valueOf(costOfDelay + horizonBonus).multiply(weight).multiply(statusFactor);
        BigDecimal score = missing.isEmpty()
                ? adjusted.divide(BigDecimal.valueOf(item.jobSize()), 2, RoundingMode.HALF_UP)
                : null;
        return new Priority(item.businessValue(), demandBonus, item.timeCriticality(), item.riskReduction(), costOfDelay, horizonBonus,
                weight, statusFactor, adjusted, item.jobSize(), score, List.copyOf(missing));
    }

    /** The value the backlog is ordered by, highest first: the score, or -1 for unscored items. */
    public BigDecimal sortKey() {
        return score == null ? BigDecimal.ONE.negate() : score;
    }
}
