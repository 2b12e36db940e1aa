package dev.northstar.integrations.application;

import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery queue in the service's database: deliveries are created for an event's matching subscriptions, for a
 * replay or a redelivery; an instance claims those that are due (holding a lease), and records what each attempt
 * came to. Order: a delivery is only claimed once every earlier unsent delivery of the same subscription and subject
 * (aggregate) is sent or has failed for good, so each endpoint hears of an aggregate's changes in order.
 */
@ApplicationScoped
public class Deliveries {
    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    /** The types only a subscription naming them receives. */
    public static final String OPT_IN_PREFIX = "northstar.analytics.";

    /**
     * Whether subscription {@code s}'s event type patterns (with * for any run of characters) take event {@code e}'s
     * type. Analytics' metric changes come often, so only a pattern
     * that names them ({@code northstar.analytics.…}) wants them: {@code *} and {@code northstar.*} keep meaning the
     * changes people make.
     */
    private static final String MATCHES = "EXISTS (SELECT 1 FROM unnest(s.event_types) AS pattern WHERE e.type LIKE replace(pattern, '*', '%')"
            + " AND (e.type NOT LIKE '" + OPT_IN_PREFIX + "%' OR pattern LIKE '" + OPT_IN_PREFIX + "%'))";

    /** What a claimed delivery needs to be sent. */
    public record Claimed(UUID deliveryId, UUID subscriptionId, int attempt, String url, String secret, UUID eventId,
                          String type, String source, String subject, Instant time, UUID productId, UUID correlationId,
                          String data) {
    }

    private final Sql sql;

    public Deliveries(Sql sql) {
        this.sql = sql;
    }

    /** An event as integrations-service keeps it: the source of deliveries and replays. */
    public record KeptEvent(UUID eventId, UUID productId, String type, String source, String subject, Instant time,
                            UUID correlationId, String actor, String data) {
    }

    /**
     * Keeps the event (once: an event id seen before changes nothing) and creates a delivery of it for each enabled
     * subscription of its product that wants its type, in one statement; answers how many deliveries it created.
     */
    public int keepAndFanOut(KeptEvent event) {
        return sql.query("""
                WITH e AS (
                    INSERT INTO webhook_events (event_id, product_id, type, source, subject, time, correlation_id, actor, data)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING
                    RETURNING position, product_id, type, subject),
                queued AS (
                    INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_position, subject, trigger, status, created_at, next_attempt_at)
                    SELECT gen_random_uuid(), s.subscription_id, e.position, e.subject, 'EVENT', 'PENDING', now(), now()
                    FROM e JOIN webhook_subscriptions s ON s.product_id = e.product_id AND s.enabled
                    WHERE""" + " " + MATCHES + """
                     ORDER BY s.subscription_id
                    RETURNING 1)
                SELECT count(*) FROM queued""", rs -> rs.getInt(1), event.eventId(), event.productId(), event.type(),
                event.source(), event.subject(), Timestamp.from(event.time()), event.correlationId(), event.actor(),
                event.data()).getFirst();
    }

    /**
     * Like {@link #keepAndFanOut}, but keeps the event only when a subscription wants it: metric changes are many, and
     * none is worth keeping for a replay nobody asked for.
     */
    public int fanOutWhenWanted(KeptEvent event) {
        return sql.query("""
                WITH wanted AS (
                    SELECT s.subscription_id FROM webhook_subscriptions s, (SELECT ?::text AS type) e
                    WHERE s.product_id = ? AND s.enabled AND""" + " " + MATCHES + """
                ),
                e AS (
                    INSERT INTO webhook_events (event_id, product_id, type, source, subject, time, correlation_id, actor, data)
                    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM wanted) ON CONFLICT (event_id) DO NOTHING
                    RETURNING position, subject),
                queued AS (
                    INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_position, subject, trigger, status, created_at, next_attempt_at)
                    SELECT gen_random_uuid(), w.subscription_id, e.position, e.subject, 'EVENT', 'PENDING', now(), now()
                    FROM e, wanted w ORDER BY w.subscription_id
                    RETURNING 1)
                SELECT count(*) FROM queued""", rs -> rs.getInt(1), event.type(), event.productId(), event.eventId(),
                event.productId(), event.type(), event.source(), event.subject(), Timestamp.from(event.time()),
                event.correlationId(), event.actor(), event.data()).getFirst();
    }

    /**
     * Creates a delivery, for one subscription, of each stored event of its product it wants from {@code since}
     * (inclusive) to {@code until} (exclusive), in the order they happened.
     */
    public int replay(UUID subscriptionId, Instant since, Instant until) {
        return sql.update("""
                INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_position, subject, trigger, status, created_at, next_attempt_at)
                SELECT gen_random_uuid(), s.subscription_id, e.position, e.subject, 'REPLAY', 'PENDING', now(), now()
                FROM webhook_subscriptions s JOIN webhook_events e ON e.product_id = s.product_id
                WHERE s.subscription_id = ? AND e.time >= ? AND e.time < ? AND""" + " " + MATCHES + " ORDER BY e.position",
                subscriptionId, Timestamp.from(since), Timestamp.from(until));
    }

    /** A new delivery of the event another delivery carried; empty when that delivery is not the subscription's. */
    public Optional<UUID> redeliver(UUID subscriptionId, UUID deliveryId) {
        UUID id = UUID.randomUUID();
        int created = sql.update("""
                INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_position, subject, trigger, status, created_at, next_attempt_at)
                SELECT ?, subscription_id, event_position, subject, 'REDELIVERY', 'PENDING', now(), now()
                FROM webhook_deliveries WHERE delivery_id = ? AND subscription_id = ?""", id, deliveryId, subscriptionId);
        return created == 1 ? Optional.of(id) : Optional.empty();
    }

    /**
     * Takes up to {@code limit} due deliveries of enabled subscriptions for this instance: each becomes SENDING with
     * a lease, after which another instance may take it over (when this one stopped while sending).
     */
    public List<Claimed> claim(int limit, Duration lease) {
        return sql.query("""
                WITH claimed AS (
                    UPDATE webhook_deliveries d SET status = 'SENDING', attempts = d.attempts + 1, last_attempt_at = now(),
                           next_attempt_at = now() + make_interval(secs => ?)
                    WHERE d.delivery_id IN (
                        SELECT c.delivery_id FROM webhook_deliveries c
                        JOIN webhook_subscriptions s ON s.subscription_id = c.subscription_id AND s.enabled
                        WHERE c.status IN ('PENDING', 'SENDING') AND c.next_attempt_at <= now()
                          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries earlier
                                          WHERE earlier.subscription_id = c.subscription_id AND earlier.subject = c.subject
                                            AND earlier.sequence < c.sequence AND earlier.status IN ('PENDING', 'SENDING'))
                        ORDER BY c.next_attempt_at, c.sequence
                        LIMIT ?
                        FOR UPDATE OF c SKIP LOCKED)
                    RETURNING d.delivery_id, d.subscription_id, d.attempts, d.event_position)
                SELECT c.delivery_id, c.subscription_id, c.attempts, s.url, s.secret, e.event_id, e.type, e.source,
                       e.subject, e.time, e.product_id, e.correlation_id, e.data
                FROM claimed c JOIN webhook_subscriptions s ON s.subscription_id = c.subscription_id
                JOIN webhook_events e ON e.position = c.event_position""",
                rs -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10).toInstant(), rs.getObject(11, UUID.class), rs.getObject(12, UUID.class), rs.getString(13)),
                lease.toMillis() / 1000.0, limit);
    }

    /**
     * Records an attempt: the delivery becomes {@code status} ({@code nextAttemptAt} for one to be tried again). Only
     * the holder of the attempt records it: when the lease ran out and another instance took the delivery over, the
     * late result changes nothing (false).
     */
    public boolean record(Claimed delivery, String status, Instant nextAttemptAt, Integer statusCode, Duration duration, String error) {
        int updated = sql.update("""
                UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, last_status_code = ?, last_duration_ms = ?, last_error = ?
                WHERE delivery_id = ? AND status = 'SENDING' AND attempts = ?""",
                status, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt), statusCode, (int) duration.toMillis(), error,
                delivery.deliveryId(), delivery.attempt());
        if (updated == 1) {
            sql.update("INSERT INTO webhook_attempts (delivery_id, number, at, status_code, duration_ms, error) VALUES (?, ?, now(), ?, ?, ?)",
                    delivery.deliveryId(), delivery.attempt(), statusCode, (int) duration.toMillis(), error);
        }
        return updated == 1;
    }

    /** Deliveries waiting to be sent (or being sent), for the metrics. */
    public long unsent() {
        return sql.query("SELECT count(*) FROM webhook_deliveries WHERE status IN ('PENDING', 'SENDING')", rs -> rs.getLong(1)).getFirst();
    }
}
