package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Weighted Shortest Job First with roadmap context:
 * <pre>
 * costOfDelay         = businessValue + demandBonus + timeCriticality + riskReduction
 * adjustedCostOfDelay = (costOfDelay + horizonBonus) x themeWeight x initiativeStatusFactor x businessCaseFactor
 * score               = adjustedCostOfDelay / jobSize, rounded half-up to two decimals
 * </pre>
 * horizonBonus is 8 for an open initiative in NOW, 3 in NEXT, 0 otherwise; themeWeight is the weight of
 * the initiative's theme (1 without one); initiativeStatusFactor is 0.25 when the initiative was dropped;
 * businessCaseFactor is 1 + the ROI of the initiative's business case / 4, within 0.5 and 2, when the product lets business
 * cases count ({@link RoadmapContext#businessCaseFactor()}; 1 otherwise);
 * demandBonus comes from customer demand ({@link DemandSignal}).
 * An item missing an input has no score and sorts after every scored item. A product that scores by another model
 * (RICE, ICE, WEIGHTED: the item carries it) has the WSJF components of the item as they are, and its score in
 * {@code modelScore}.
 */
public record Priority(Integer businessValue, int demandBonus, Integer timeCriticality, Integer riskReduction, Integer costOfDelay,
                       int horizonBonus, BigDecimal themeWeight, BigDecimal initiativeStatusFactor,
                       BigDecimal businessCaseFactor, BigDecimal adjustedCostOfDelay, Integer jobSize, BigDecimal score, List<String> missing,
                       ScoringModel model, ModelScore modelScore) {

    public static final String FORMULA = "score = (businessValue + demandBonus + timeCriticality + riskReduction + horizonBonus)"
            + " x themeWeight x initiativeStatusFactor x businessCaseFactor / jobSize";

    /** The roadmap's and customers' part in every model but WSJF (which adds them to its cost of delay). */
    public static final String CONTEXT_FORMULA = " x themeWeight x initiativeStatusFactor x businessCaseFactor x horizonFactor"
            + " x demandFactor";

    public static Priority of(BacklogItem item) {
        Priority wsjf = wsjf(item);
        ScoringModel model = item.scoring() == null ? ScoringModel.WSJF : item.scoring();
        if (model.kind() == ScoringModel.Kind.WSJF) {
            return wsjf;
        }
        ModelScore scored = ModelScore.of(model, item.inputs(), item.roadmap(), item.demand());
        return new Priority(wsjf.businessValue, wsjf.demandBonus, wsjf.timeCriticality, wsjf.riskReduction, wsjf.costOfDelay,
                wsjf.horizonBonus, wsjf.themeWeight, wsjf.initiativeStatusFactor, wsjf.businessCaseFactor, wsjf.adjustedCostOfDelay,
                wsjf.jobSize,
                scored.score(), scored.missing(), model, scored);
    }

    private static Priority wsjf(BacklogItem item) {
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
        BigDecimal caseFactor = roadmap == null ? BigDecimal.ONE : roadmap.businessCaseFactor();
        int demandBonus = item.demand() == null ? 0 : item.demand().bonus();
        Integer costOfDelay = item.businessValue() == null ? null
                : item.businessValue() + demandBonus + item.timeCriticality() + item.riskReduction();
        BigDecimal adjusted = costOfDelay == null ? null
                : BigDecimal.valueOf(costOfDelay + horizonBonus).multiply(weight).multiply(statusFactor).multiply(caseFactor);
        BigDecimal score = missing.isEmpty()
                ? adjusted.divide(BigDecimal.valueOf(item.jobSize()), 2, RoundingMode.HALF_UP)
                : null;
        return new Priority(item.businessValue(), demandBonus, item.timeCriticality(), item.riskReduction(), costOfDelay, horizonBonus,
                weight, statusFactor, caseFactor, adjusted, item.jobSize(), score, List.copyOf(missing), ScoringModel.WSJF, null);
    }

    /** The value the backlog is ordered by, highest first: the score, or -1 for unscored items. */
    public BigDecimal sortKey() {
        return score == null ? BigDecimal.ONE.negate() : score;
    }
}
