package dev.northstar.integrations.readmodel;

import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A subscription's deliveries, newest first, and the attempts of one. */
@ApplicationScoped
public class DeliveryLog {

    public record Entry(UUID id, long sequence, UUID eventId, String eventType, String subject, Instant eventTime,
                        String trigger, String status, int attempts, Instant createdAt, Instant lastAttemptAt,
                        Instant nextAttemptAt, Integer lastStatusCode, Integer lastDurationMs, String lastError) {
    }

    public record Attempt(int number, Instant at, Integer statusCode, int durationMs, String error) {
    }

    private static final String COLUMNS = """
            SELECT d.delivery_id, d.sequence, e.event_id, e.type, d.subject, e.time, d.trigger, d.status, d.attempts, d.created_at,
                   d.last_attempt_at, CASE WHEN d.status = 'PENDING' THEN d.next_attempt_at END, d.last_status_code,
                   d.last_duration_ms, d.last_error
            FROM webhook_deliveries d JOIN webhook_events e ON e.position = d.event_position
            """;

    private final Sql sql;

    public DeliveryLog(Sql sql) {
        this.sql = sql;
    }

    /** Up to {@code limit} deliveries before sequence {@code before} (null: the newest), of one status or all. */
    public List<Entry> page(UUID subscriptionId, String status, Long before, int limit) {
        return sql.query(COLUMNS + """
                        WHERE d.subscription_id = ? AND (?::text IS NULL OR d.status = ?) AND d.sequence < ?
                        ORDER BY d.sequence DESC LIMIT ?""", DeliveryLog::entry,
                subscriptionId, status, status, before == null ? Long.MAX_VALUE : before, limit);
    }

    public Optional<Entry> find(UUID subscriptionId, UUID deliveryId) {
        return sql.query(COLUMNS + " WHERE d.subscription_id = ? AND d.delivery_id = ?", DeliveryLog::entry, subscriptionId, deliveryId)
                .stream().findFirst();
    }

    public List<Attempt> attempts(UUID deliveryId) {
        return sql.query("SELECT number, at, status_code, duration_ms, error FROM webhook_attempts WHERE delivery_id = ? ORDER BY number",
                rs -> new Attempt(rs.getInt(1), instant(rs.getTimestamp(2)), (Integer) rs.getObject(3), rs.getInt(4), rs.getString(5)),
                deliveryId);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5),
                instant(rs.getTimestamp(6)), rs.getString(7), rs.getString(8), rs.getInt(9), instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), (Integer) rs.getObject(13), (Integer) rs.getObject(14),
                rs.getString(15));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
