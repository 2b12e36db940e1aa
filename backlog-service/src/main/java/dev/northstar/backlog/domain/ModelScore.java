package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * An item's score under RICE, ICE or WEIGHTED, in the model's own terms, with the roadmap and customer demand that
 * every model keeps:
 * <pre>
 * score = base x themeWeight x initiativeStatusFactor x businessCaseFactor x horizonFactor x demandFactor, rounded half-up to two decimals
 * </pre>
 * horizonFactor is 1.5 for an open initiative in NOW, 1.2 in NEXT, 1 otherwise; demandFactor is 1 + demandBonus / 20
 * (13 or more accounts: 1.65). Null with the missing inputs named when the item lacks some.
 */
public record ModelScore(Map<String, BigDecimal> inputs, BigDecimal base, BigDecimal themeWeight, BigDecimal initiativeStatusFactor,
                         BigDecimal businessCaseFactor, BigDecimal horizonFactor, BigDecimal demandFactor, BigDecimal score, List<String> missing) {

    /** The model's own part: the inputs it read, its result before the shared factors, the inputs it missed. */
    record Base(Map<String, BigDecimal> terms, BigDecimal value, List<String> missing) {
    }

    static ModelScore of(ScoringModel model, ScoreInputs inputs, RoadmapContext roadmap, DemandSignal demand) {
        Base base = model.base(inputs == null ? ScoreInputs.NONE : inputs);
        BigDecimal weight = roadmap == null ? BigDecimal.ONE : roadmap.weight();
        BigDecimal status = roadmap == null ? BigDecimal.ONE : roadmap.statusFactor();
        BigDecimal caseFactor = roadmap == null ? BigDecimal.ONE : roadmap.businessCaseFactor();
        int horizonBonus = roadmap == null ? 0 : roadmap.horizonBonus();
        BigDecimal horizon = horizonBonus == 8 ? new BigDecimal("1.5") : horizonBonus == 3 ? new BigDecimal("1.2") : BigDecimal.ONE;
        int demandBonus = demand == null ? 0 : demand.bonus();
        BigDecimal demandFactor = BigDecimal.ONE.add(BigDecimal.valueOf(demandBonus).divide(BigDecimal.valueOf(20), 2, RoundingMode.HALF_UP));
        BigDecimal score = base.value() == null ? null : base.value().multiply(weight).multiply(status).multiply(caseFactor).multiply(horizon)
                .multiply(demandFactor).setScale(2, RoundingMode.HALF_UP);
        return new ModelScore(base.terms(), base.value() == null ? null : base.value().setScale(2, RoundingMode.HALF_UP),
                weight, status, caseFactor, horizon, demandFactor, score, base.missing());
    }
}
