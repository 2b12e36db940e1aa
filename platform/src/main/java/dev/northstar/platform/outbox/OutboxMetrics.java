package dev.northstar.platform.outbox;

import dev.northstar.platform.jdbc.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Prometheus gauges of the outbox: how many messages wait for the relay and how old the oldest is.
 * A growing backlog means Kafka is unreachable or the relay is not running.
 */
@ApplicationScoped
public class OutboxMetrics {
    private final Sql sql;
    private final ParkedOutbox parked;
    private final MeterRegistry registry;

    public OutboxMetrics(Sql sql, ParkedOutbox parked, MeterRegistry registry) {
        this.sql = sql;
        this.parked = parked;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("northstar.outbox.pending", this, OutboxMetrics::pending)
                .description("Messages in the outbox not yet published to Kafka")
                .register(registry);
        Gauge.builder("northstar.outbox.oldest.age", this, OutboxMetrics::oldestAgeSeconds)
                .description("Age in seconds of the oldest message waiting in the outbox (0 when empty)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("northstar.outbox.parked", parked, ParkedOutbox::count)
                .description("Outbox rows the broker refused for good (too large), parked for an operator")
                .register(registry);
    }

    double pending() {
        return sql.query("SELECT count(*) FROM outbox", rs -> rs.getLong(1)).getFirst();
    }

    double oldestAgeSeconds() {
        return sql.query("SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox",
                rs -> rs.getDouble(1)).getFirst();
    }
}
