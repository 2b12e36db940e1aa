package dev.northstar.analytics.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.analytics.domain.Metric;
import dev.northstar.analytics.readmodel.MetricsQueries;
import dev.northstar.analytics.readmodel.PublishedDemand;
import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.contracts.events.AnalyticsEvent;
import dev.northstar.contracts.events.AnalyticsEvent.DemandChanged;
import dev.northstar.contracts.events.AnalyticsEvent.MetricChanged;
import dev.northstar.contracts.events.EventCatalog;
import dev.northstar.platform.messaging.ReceivedEvent;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes the new value of each changed metric on {@code northstar.analytics.metrics} through the
 * outbox, keyed {@code <productId>/<metric>} so that a compacted topic keeps the latest value of every
 * metric. Changes are marked with the facts; the publisher wakes when they commit (LISTEN/NOTIFY, or every
 * {@code northstar.metrics.publish-interval} regardless), and changes committed meanwhile coalesce: a burst of
 * events on one product costs one computation per metric, not one per event.
 */
@ApplicationScoped
public class MetricChanges {
    private static final Logger LOG = Logger.getLogger(MetricChanges.class);

    private final MetricsQueries metrics;
    private final PublishedDemand publishedDemand;
    private final Outbox outbox;
    private final Sql sql;
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final Duration interval;
    private final Duration windowRefresh;
    private Instant nextWindowRefresh;
    private volatile boolean running = true;
    private Thread publisher;

    public MetricChanges(MetricsQueries metrics, PublishedDemand publishedDemand, Outbox outbox, Sql sql, AgroalDataSource dataSource, ObjectMapper json,
                         @ConfigProperty(name = "northstar.metrics.publish-interval", defaultValue = "PT1S") Duration interval,
                         @ConfigProperty(name = "northstar.metrics.window-refresh-interval", defaultValue = "PT1H") Duration windowRefresh) {
        this.windowRefresh = windowRefresh;
        this.nextWindowRefresh = Instant.now().plus(windowRefresh);
        this.metrics = metrics;
        this.publishedDemand = publishedDemand;
        this.outbox = outbox;
        this.sql = sql;
        this.dataSource = dataSource;
        this.json = json;
        this.interval = interval;
    }

    private record Dirty(UUID productId, String metric, String causeId, String causeType) {
    }

    private record Mark(long id, Dirty dirty) {
    }

    /** Marks metrics as changed, in the caller's transaction (the one that wrote the facts). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markChanged(UUID productId, List<Metric> changed, ReceivedEvent<?> cause) {
        if (changed.isEmpty()) {
            return;
        }
        sql.update("INSERT INTO dirty_metrics (product_id, metric, cause_id, cause_type) SELECT ?, metric, ?, ? FROM unnest(?::text[]) AS metric",
                productId, cause.id().toString(), cause.type(), changed.stream().map(Metric::key).toArray(String[]::new));
    }

    /** What causes a republication of every metric: the facts were rebuilt. */
    public static final String FACTS_REBUILT = "northstar.analytics.FactsRebuilt";

    /** Marks every metric of every product with facts as changed, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int markAllChanged() {
        return sql.update("""
                INSERT INTO dirty_metrics (product_id, metric, cause_id, cause_type)
                SELECT p.product_id, m.metric, ?, ? FROM (
                    SELECT product_id FROM feedback_facts UNION SELECT product_id FROM item_facts
                    UNION SELECT product_id FROM initiative_facts UNION SELECT product_id FROM vote_facts
                    UNION SELECT product_id FROM objective_facts UNION SELECT product_id FROM competitor_facts
                    UNION SELECT product_id FROM release_facts
                ) p CROSS JOIN unnest(?::text[]) AS m(metric)""",
                "rebuild-" + Instant.now(), FACTS_REBUILT,
                Arrays.stream(Metric.values()).map(Metric::key).toArray(String[]::new));
    }

    /** What causes a refresh of the time-windowed metrics: time passing, not an event. */
    public static final String WINDOW_MOVED = "northstar.analytics.WindowMoved";

    /**
     * The last-24-hours, 7-day, 14-day, 30-day and 8-week figures change as time passes without any event
     * (ratings age out of the NPS window, say): mark them changed for every product with feedback in the last
     * 31 days (competitors.30d only for those with competitors or lost deals), work accepted in the last 9 weeks or key
     * results (whose expected progress moves with time), so that dashboards and the metrics topic catch up. Runs every
     * {@code northstar.metrics.window-refresh-interval}.
     */
    @Transactional
    public int refreshTimeWindows() {
        return sql.update("""
                INSERT INTO dirty_metrics (product_id, metric, cause_id, cause_type)
                SELECT product_id, metric, ?, ? FROM (
                    SELECT f.product_id, m.metric FROM feedback_facts f CROSS JOIN (VALUES (?::text), (?::text), (?::text)) AS m(metric)
                    WHERE f.occurred_at > now() - interval '31 days'
                    UNION
                    SELECT f.product_id, ?::text FROM feedback_facts f
                    WHERE f.occurred_at > now() - interval '31 days'
                      AND (f.lost_deal OR EXISTS (SELECT 1 FROM competitor_facts c WHERE c.product_id = f.product_id))
                    UNION
                    SELECT i.product_id, ?::text FROM item_facts i WHERE i.accepted_at > now() - interval '9 weeks'
                    UNION
                    SELECT k.product_id, ?::text FROM key_result_facts k WHERE k.removed_at IS NULL
                    UNION
                    SELECT r.product_id, ?::text FROM release_facts r WHERE r.shipped_at > now() - interval '31 days'
                ) windowed""",
                "window-" + Instant.now(), WINDOW_MOVED,
                Metric.FEEDBACK_VOLUME.key(), Metric.NPS.key(), Metric.SENTIMENT.key(), Metric.COMPETITORS.key(),
                Metric.DELIVERY.key(),
                Metric.KEY_RESULTS.key(), Metric.RELEASE_IMPACT.key());
    }

    void onStart(@Observes StartupEvent event) {
        publisher = Thread.ofPlatform().name("metric-changes").daemon().start(this::run);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void run() {
        while (running) {
            try (Connection listening = dataSource.getConnection()) {
                listening.setAutoCommit(true);
                try (Statement listen = listening.createStatement()) {
                    listen.execute("LISTEN northstar_metrics");
                }
                PGConnection notifications = listening.unwrap(PGConnection.class);
                while (running) {
                    if (Instant.now().isAfter(nextWindowRefresh)) {
                        nextWindowRefresh = Instant.now().plus(windowRefresh);
                        QuarkusTransaction.requiringNew().call(this::refreshTimeWindows);
                    }
                    int published = QuarkusTransaction.requiringNew().call(this::publishBatch);
                    if (published == 0) {
                        // blocks until a change commits (or the interval passes); also proves the session is alive
                        notifications.getNotifications((int) interval.toMillis());
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("publishing metric changes failed, retrying: %s", e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Drains up to 1,000 marks (skipping those another instance holds), computes each marked metric once with the
     * cause of its latest mark, and enqueues the new values. One publisher at a time: two computing the same metric
     * at once could enqueue the older value last.
     */
    private int publishBatch() {
        sql.query("SELECT pg_advisory_xact_lock(hashtext('northstar.metric-publisher'))", rs -> 1);
        Map<String, Dirty> latest = new LinkedHashMap<>();
        sql.query("""
                DELETE FROM dirty_metrics WHERE mark_id IN (
                    SELECT mark_id FROM dirty_metrics ORDER BY mark_id LIMIT 1000 FOR UPDATE SKIP LOCKED)
                RETURNING mark_id, product_id, metric, cause_id, cause_type""",
                rs -> new Mark(rs.getLong(1), new Dirty(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5))))
                .stream().sorted(Comparator.comparingLong(Mark::id))
                .forEach(mark -> latest.put(mark.dirty().productId() + "/" + mark.dirty().metric(), mark.dirty()));
        Collection<Dirty> dirty = latest.values();
        List<Outbox.Message> messages = new ArrayList<>();
        for (Dirty change : dirty) {
            Metric metric = Metric.ofKey(change.metric());
            Instant at = Instant.now();
            Object value;
            if (metric == Metric.DEMAND) {
                // every target whose demand changed has an event of its own; the metric lists those with the most
                List<MetricsQueries.Demand> all = metrics.demand(change.productId());
                for (MetricsQueries.Demand target : publishedDemand.changedTo(change.productId(), all)) {
                    DemandChanged demand = new DemandChanged(change.productId(), target.targetType(), target.targetId(),
                            target.feedback(), target.uniqueCustomers(), target.votes(), target.accounts(),
                            target.accountValue(), at, change.causeId(), change.causeType());
                    messages.add(message(change, DemandChanged.class, target.targetId().toString(),
                            change.productId() + "/demand/" + target.targetId(), at, demand));
                }
                value = MetricsQueries.listed(all);
            } else {
                value = metrics.value(change.productId(), metric);
            }
            MetricChanged update = new MetricChanged(change.productId(), change.metric(), value, at, change.causeId(),
                    change.causeType());
            messages.add(message(change, MetricChanged.class, change.metric(), change.productId() + "/" + change.metric(), at,
                    update));
        }
        outbox.enqueue(messages);
        return dirty.size();
    }

    /** An outbox message on the metrics topic: CloudEvents headers, the key, the payload as JSON. */
    private Outbox.Message message(Dirty change, Class<? extends AnalyticsEvent> type, String subject, String key, Instant at,
                                   AnalyticsEvent payload) {
        UUID id = UUID.randomUUID();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.SPEC_VERSION, "1.0");
        headers.put(Headers.ID, id.toString());
        headers.put(Headers.TYPE, EventCatalog.cloudEventTypeOf(type));
        headers.put(Headers.SOURCE, "/northstar/analytics-service");
        headers.put(Headers.SUBJECT, subject);
        headers.put(Headers.TIME, at.toString());
        headers.put(Headers.CONTENT_TYPE, "application/json");
        headers.put(Headers.PRODUCT_ID, change.productId().toString());
        headers.put(Headers.CAUSATION_ID, change.causeId());
        try {
            return new Outbox.Message(id, Topics.ANALYTICS_METRICS, key, headers, json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
