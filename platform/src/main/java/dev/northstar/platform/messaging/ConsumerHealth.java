package dev.northstar.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the consumers are going through, for readiness and Prometheus: a consumer retrying a transient failure is
 * stalled (readiness is down and names it, with the reason, until a record goes through again);
 * {@code northstar_consumer_retries_total} counts the retries, {@code northstar_consumer_dead_letters_total} the
 * records sent to the dead-letter topic, {@code northstar_projection_lag_seconds} how old an event is when applied.
 */
@Readiness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {
    private record Stall(Instant since, String reason, long attempts) {
    }

    private final Map<String, Stall> stalled = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Timer> lags = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final String serviceName;

    public ConsumerHealth(MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.registry = registry;
        this.serviceName = serviceName;
    }

    /** The consumer group and metric tag of a consumer: {@code <service>.<consumer>}. */
    public String group(String consumer) {
        return serviceName + "." + consumer;
    }

    void retrying(String consumer, Throwable failure) {
        String reason = Failures.reason(failure);
        stalled.compute(consumer, (name, stall) -> stall == null ? new Stall(Instant.now(), reason, 1)
                : new Stall(stall.since(), reason, stall.attempts() + 1));
        retries.computeIfAbsent(consumer, name -> Counter.builder("northstar.consumer.retries")
                .description("transient failures retried in place").tag("consumer", group(name)).register(registry))
                .increment();
    }

    void applied(String consumer, Instant publishedAt) {
        stalled.remove(consumer);
        if (publishedAt != null) {
            Duration lag = Duration.between(publishedAt, Instant.now());
            lags.computeIfAbsent(consumer, name -> Timer.builder("northstar.projection.lag")
                            .description("time from an event's publication to its application by this consumer")
                            .tag("consumer", group(name)).publishPercentiles(0.5, 0.95, 0.99).register(registry))
                    .record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    void deadLettered(String consumer) {
        stalled.remove(consumer);
        deadLetters.computeIfAbsent(consumer, name -> Counter.builder("northstar.consumer.dead.letters")
                .description("records sent to the dead-letter topic").tag("consumer", group(name)).register(registry))
                .increment();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Event consumers").status(stalled.isEmpty());
        stalled.forEach((consumer, stall) -> response.withData(consumer, "retrying since %s (%d attempts): %s"
                .formatted(stall.since(), stall.attempts(), stall.reason())));
        return response.build();
    }
}
