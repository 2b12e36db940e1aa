package dev.northstar.platform.retention;

import dev.northstar.platform.jdbc.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Purges the rows that only serve a while, every {@code northstar.retention.interval}: the inbox and the idempotency
 * keys of every service, and the tables a service names with {@link RetentionRule} beans. Each batch is its own short
 * transaction, so a purge never holds locks for long; replicas may purge at once (a row is deleted once).
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final Sql sql;
    private final Instance<RetentionRule> rules;
    private final RetentionSettings settings;
    private final MeterRegistry registry;

    public Retention(Sql sql, Instance<RetentionRule> rules, RetentionSettings settings, MeterRegistry registry) {
        this.sql = sql;
        this.rules = rules;
        this.settings = settings;
        this.registry = registry;
    }

    @Produces
    @Singleton
    static RetentionRule inbox(RetentionSettings settings) {
        return new RetentionRule("inbox", "handled_at", settings.inbox(), "NOT keep");
    }

    @Produces
    @Singleton
    static RetentionRule idempotencyKeys(RetentionSettings settings) {
        return new RetentionRule("idempotency_keys", "created_at", settings.idempotencyKeys());
    }

    @Scheduled(every = "${northstar.retention.interval:PT10M}", delayed = "${northstar.retention.interval:PT10M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            // the next run tries again; the rows only grow meanwhile
            LOG.warnf("purging old rows failed, trying again at the next run: %s", e.toString());
        }
    }

    /** Deletes every row past its age, table by table; answers how many rows each table lost. */
    public Map<String, Integer> purge() {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            int total = 0;
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(() -> sql.update(rule.deleteBatch(),
                        (double) rule.age().toSeconds(), settings.batchSize()));
                total += batch;
            } while (batch == settings.batchSize());
            registry.counter("northstar.retention.deleted", "table", rule.table()).increment(total);
            deleted.put(rule.table(), total);
        }
        return deleted;
    }
}
