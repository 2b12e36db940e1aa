package dev.northstar.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Where a key result stands: its progress from baseline (0) to target (1), the progress its time elapsed would call for,
 * the trend of its recent values projected to the due date, and a status read from them.
 * <ul>
 *   <li>NO_DATA: no value yet;</li>
 *   <li>ACHIEVED: the actual value has reached the target;</li>
 *   <li>MISSED: the due date has passed short of the target;</li>
 *   <li>ON_TRACK / AT_RISK: with a trend (two values at least a day apart), whether the projection reaches the target by
 *       the due date; without one, whether the progress is within 10 points of what the elapsed time calls for.</li>
 * </ul>
 */
public record KeyResultProgress(BigDecimal actual, Instant actualAt, BigDecimal progress, BigDecimal expectedProgress,
                                BigDecimal trendPerDay, BigDecimal projected, Status status) {
    private static final BigDecimal SLACK = new BigDecimal("0.10");
    private static final double DAY_SECONDS = 86_400;

    public enum Status {
        NO_DATA, ON_TRACK, AT_RISK, ACHIEVED, MISSED
    }

    /** A value of the key result's metric at an instant. */
    public record Sample(Instant at, BigDecimal value) {
    }

    /**
     * @param start   when the key result's clock starts (its period's first day)
     * @param due     when it is due (the end of its due date)
     * @param samples its values so far, any order; the latest is the actual value
     */
    public static KeyResultProgress of(BigDecimal baseline, BigDecimal target, Instant start, Instant due, Instant now,
                                       List<Sample> samples) {
        BigDecimal expected = share(Duration.between(start, now).getSeconds(), Duration.between(start, due).getSeconds());
        List<Sample> known = samples.stream().filter(s -> s.value() != null && !s.at().isAfter(now))
                .sorted(Comparator.comparing(Sample::at)).toList();
        if (known.isEmpty()) {
            return new KeyResultProgress(null, null, null, expected, null, null, Status.NO_DATA);
        }
        Sample latest = known.getLast();
        BigDecimal span = target.subtract(baseline);
        BigDecimal progress = latest.value().subtract(baseline).divide(span, 2, RoundingMode.HALF_UP);
        BigDecimal slope = slopePerDay(known);
        BigDecimal projected = slope == null ? null : latest.value().add(slope.multiply(BigDecimal.valueOf(
                Math.max(0, Duration.between(now, due).getSeconds()) / DAY_SECONDS))).setScale(2, RoundingMode.HALF_UP);
        Status status;
        if (progress.compareTo(BigDecimal.ONE) >= 0) {
            status = Status.ACHIEVED;
        } else if (!now.isBefore(due)) {
            status = Status.MISSED;
        } else if (projected != null) {
            boolean reaches = projected.subtract(baseline).divide(span, 4, RoundingMode.HALF_UP).compareTo(BigDecimal.ONE) >= 0;
            status = reaches ? Status.ON_TRACK : Status.AT_RISK;
        } else {
            status = progress.compareTo(expected.subtract(SLACK)) >= 0 ? Status.ON_TRACK : Status.AT_RISK;
        }
        return new KeyResultProgress(latest.value(), latest.at(), progress, expected,
                slope == null ? null : slope.setScale(4, RoundingMode.HALF_UP), projected, status);
    }

    /** The least-squares slope of value over time, per day; null without two samples at least a day apart. */
    static BigDecimal slopePerDay(List<Sample> sorted) {
        if (sorted.size() < 2 || Duration.between(sorted.getFirst().at(), sorted.getLast().at()).compareTo(Duration.ofDays(1)) < 0) {
            return null;
        }
        Instant origin = sorted.getFirst().at();
        double n = sorted.size();
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumXX = 0;
        for (Sample sample : sorted) {
            double x = Duration.between(origin, sample.at()).getSeconds() / DAY_SECONDS;
            double y = sample.value().doubleValue();
            sumX += x;
            sumY += y;
            sumXY += x * y;
            sumXX += x * x;
        }
        return BigDecimal.valueOf((n * sumXY - sumX * sumY) / (n * sumXX - sumX * sumX));
    }

    /** part / whole clamped to [0, 1], two decimals. */
    private static BigDecimal share(long part, long whole) {
        if (whole <= 0) {
            return BigDecimal.ONE.setScale(2);
        }
        double clamped = Math.min(1, Math.max(0, (double) part / whole));
        return BigDecimal.valueOf(clamped).setScale(2, RoundingMode.HALF_UP);
    }
}
