package dev.northstar.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Nearest-rank percentiles: deterministic, and always one of the observed values. */
public final class Percentile {

    public static BigDecimal of(List<Double> sortedValues, int percentile) {
        if (sortedValues.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedValues.size());
        return BigDecimal.valueOf(sortedValues.get(Math.max(0, rank - 1))).setScale(1, RoundingMode.HALF_UP);
    }

    private Percentile() {
    }
}
