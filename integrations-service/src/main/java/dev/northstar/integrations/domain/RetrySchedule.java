package dev.northstar.integrations.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: the n-th delay after the n-th failed attempt, each stretched or shrunk by up
 * to {@code jitter} (a fraction) so that many deliveries failing together do not all come back together. Once the
 * delays are spent, the delivery has failed for good.
 */
public record RetrySchedule(List<Duration> delays, double jitter) {
    /** Standard Webhooks' suggestion: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about 28 hours in all). */
    public static final RetrySchedule STANDARD = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)), 0.2);

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction in [0, 1)");
        }
    }

    public int maxAttempts() {
        return delays.size() + 1;
    }

    /** The wait before the next attempt after {@code failedAttempts} failures, empty once none is left. */
    public Optional<Duration> delayAfter(int failedAttempts, DoubleSupplier random) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempts - 1);
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.round(base.toMillis() * factor)));
    }

    public Duration total() {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
