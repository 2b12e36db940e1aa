package dev.northstar.platform.outbox;

import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox rows the broker refused for good, parked by the relay: listed for an operator, and put back at the end
 * of the outbox (re-driven) once the cause is fixed, or discarded.
 */
@ApplicationScoped
public class ParkedOutbox {
    private static final int LIST_LIMIT = 1000;

    private final Sql sql;

    public ParkedOutbox(Sql sql) {
        this.sql = sql;
    }

    public record Parked(long id, UUID eventId, String type, String topic, String key, int bytes, Instant createdAt,
                         Instant parkedAt, String reason) {
    }

    /** The oldest parked rows first (at most 1,000), without their payloads. */
    public List<Parked> list() {
        return sql.query("""
                SELECT id, event_id, headers ->> 'ce_type', topic, message_key, octet_length(payload), created_at, parked_at, reason
                FROM outbox_parked ORDER BY id LIMIT ?""",
                rs -> new Parked(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                        rs.getString(9)), LIST_LIMIT);
    }

    public long count() {
        return sql.query("SELECT count(*) FROM outbox_parked", rs -> rs.getLong(1)).getFirst();
    }

    /** The reason of the oldest parked row, if any. */
    public Optional<String> oldestReason() {
        return sql.query("SELECT 'event ' || event_id || ': ' || reason FROM outbox_parked ORDER BY id LIMIT 1",
                rs -> rs.getString(1)).stream().findFirst();
    }

    /** Puts a parked row back at the end of the outbox; answers its event's id, empty if there is no such row. */
    @Transactional
    public Optional<UUID> redrive(long id) {
        return sql.query("""
                WITH back AS (DELETE FROM outbox_parked WHERE id = ? RETURNING event_id, topic, message_key, headers, payload)
                INSERT INTO outbox (event_id, topic, message_key, headers, payload)
                SELECT event_id, topic, message_key, headers, payload FROM back RETURNING event_id""",
                rs -> rs.getObject(1, UUID.class), id).stream().findFirst();
    }

    /** Forgets a parked row for good; false if there is no such row. */
    @Transactional
    public boolean discard(long id) {
        return sql.update("DELETE FROM outbox_parked WHERE id = ?", id) == 1;
    }
}
