package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Weighted Shortest Job First: cost of delay (business value + time criticality + risk reduction)
 * divided by job size, rounded half-up to two decimals. An item missing an input has no score and
 * sorts after every scored item.
 */
public record Priority(Integer businessValue, Integer timeCriticality, Integer riskReduction,
                       Integer costOfDelay, Integer jobSize, BigDecimal score, List<String> missing) {

    public static final String FORMULA = "score = (businessValue + timeCriticality + riskReduction) / jobSize";

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
        Integer costOfDelay = item.businessValue() == null ? null
                : item.businessValue() + item.timeCriticality() + item.riskReduction();
        BigDecimal score = missing.isEmpty()
                ? BigDecimal.valueOf(costOfDelay).divide(BigDecimal.valueOf(item.jobSize()), 2, RoundingMode.HALF_UP)
                : null;
        return new Priority(item.businessValue(), item.timeCriticality(), item.riskReduction(),
                costOfDelay, item.jobSize(), score, List.copyOf(missing));
    }

    /** The value the backlog is ordered by, highest first: the score, or -1 for unscored items. */
    public BigDecimal sortKey() {
        return score == null ? BigDecimal.ONE.negate() : score;
    }
}
