package dev.northstar.platform.eventstore;

import dev.northstar.contracts.Headers;
import dev.northstar.platform.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Append-only event store on PostgreSQL. An append writes the events, their outbox rows and the
 * read-model updates of every {@link Projection} of the stream type in the caller's transaction.
 */
@ApplicationScoped
public class EventStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "global_position, stream_id, stream_type, stream_version, event_id, event_type, "
            + "payload::text, product_id, correlation_id, causation_id, actor, occurred_at";

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Instance<Projection> projections;
    private final String topic;
    private final String source;

    public EventStore(AgroalDataSource dataSource, Outbox outbox, Instance<Projection> projections,
                      @ConfigProperty(name = "northstar.events.topic") String topic,
                      @ConfigProperty(name = "quarkus.application.name") String source) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.projections = projections;
        this.topic = topic;
        this.source = "/northstar/" + source;
    }

    /**
     * Appends events after {@code expectedVersion} (0 for a new stream).
     *
     * @throws ConcurrencyConflict if another writer appended to the stream first
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<StoredEvent> append(String streamType, UUID streamId, UUID productId, int expectedVersion,
                                    List<NewEvent> events, EventMetadata metadata) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO event_store (stream_id, stream_type, stream_version, event_id, event_type, payload,
                        product_id, correlation_id, causation_id, actor, occurred_at)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                    RETURNING global_position""")) {
                int version = expectedVersion;
                for (NewEvent event : events) {
                    version++;
                    insert.setObject(1, streamId);
                    insert.setString(2, streamType);
                    insert.setInt(3, version);
                    insert.setObject(4, event.eventId());
                    insert.setString(5, event.eventType());
                    insert.setString(6, event.payload());
                    insert.setObject(7, productId);
                    insert.setObject(8, metadata.correlationId());
                    insert.setObject(9, metadata.causationId());
                    insert.setString(10, metadata.actor());
                    insert.setTimestamp(11, Timestamp.from(metadata.occurredAt()));
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        stored.add(new StoredEvent(rs.getLong(1), streamId, streamType, version, event.eventId(),
                                event.eventType(), event.payload(), productId, metadata));
                    }
                }
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ConcurrencyConflict(streamId, expectedVersion);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("append to stream " + streamId + " failed", e);
        }
        List<Outbox.Message> messages = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = stored.get(i);
            messages.add(new Outbox.Message(event.eventId(), topic, streamId.toString(),
                    cloudEventHeaders(event, events.get(i).cloudEventType()), event.payload()));
        }
        outbox.enqueue(messages);
        for (Projection projection : projections) {
            if (projection.streamType().equals(streamType)) {
                projection.apply(stored);
            }
        }
        return stored;
    }

    private Map<String, String> cloudEventHeaders(StoredEvent event, String cloudEventType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.SPEC_VERSION, "1.0");
        headers.put(Headers.ID, event.eventId().toString());
        headers.put(Headers.TYPE, cloudEventType);
        headers.put(Headers.SOURCE, source);
        headers.put(Headers.SUBJECT, event.streamId().toString());
        headers.put(Headers.TIME, event.metadata().occurredAt().toString());
        headers.put(Headers.CONTENT_TYPE, "application/json");
        headers.put(Headers.STREAM_VERSION, Integer.toString(event.streamVersion()));
        if (event.productId() != null) {
            headers.put(Headers.PRODUCT_ID, event.productId().toString());
        }
        headers.put(Headers.CORRELATION_ID, event.metadata().correlationId().toString());
        if (event.metadata().causationId() != null) {
            headers.put(Headers.CAUSATION_ID, event.metadata().causationId().toString());
        }
        headers.put(Headers.ACTOR, event.metadata().actor());
        return headers;
    }

    /** Every event of a stream, oldest first. */
    public List<StoredEvent> load(UUID streamId) {
        return query("SELECT " + COLUMNS + " FROM event_store WHERE stream_id = ? ORDER BY stream_version",
                ps -> ps.setObject(1, streamId));
    }

    /** The events of a stream that had occurred at {@code asOf}. */
    public List<StoredEvent> loadAsOf(UUID streamId, Instant asOf) {
        return query("SELECT " + COLUMNS + " FROM event_store WHERE stream_id = ? AND occurred_at <= ? ORDER BY stream_version",
                ps -> {
                    ps.setObject(1, streamId);
                    ps.setTimestamp(2, Timestamp.from(asOf));
                });
    }

    /** The events of every stream of one type and product that had occurred at {@code asOf}, in store order. */
    public List<StoredEvent> loadProductAsOf(String streamType, UUID productId, Instant asOf) {
        return query("SELECT " + COLUMNS + " FROM event_store WHERE product_id = ? AND stream_type = ? AND occurred_at <= ? "
                        + "ORDER BY global_position",
                ps -> {
                    ps.setObject(1, productId);
                    ps.setString(2, streamType);
                    ps.setTimestamp(3, Timestamp.from(asOf));
                });
    }

    /** The events of every stream of a product, whatever their type, that had occurred at {@code asOf}, in store order. */
    public List<StoredEvent> loadProductAsOf(UUID productId, Instant asOf) {
        return query("SELECT " + COLUMNS + " FROM event_store WHERE product_id = ? AND occurred_at <= ? ORDER BY global_position",
                ps -> {
                    ps.setObject(1, productId);
                    ps.setTimestamp(2, Timestamp.from(asOf));
                });
    }

    /** Streams every event of a stream type in store order to {@code sink}, without holding them all in memory. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long replay(String streamType, Consumer<StoredEvent> sink) {
        long count = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM event_store WHERE stream_type = ? ORDER BY global_position")) {
            ps.setFetchSize(500);
            ps.setString(1, streamType);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                    count++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("replay of " + streamType + " failed", e);
        }
        return count;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<StoredEvent> query(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(read(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("event store query failed", e);
        }
    }

    private static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getInt(4),
                rs.getObject(5, UUID.class),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, UUID.class),
                new EventMetadata(
                        rs.getObject(9, UUID.class),
                        rs.getObject(10, UUID.class),
                        rs.getString(11),
                        rs.getTimestamp(12).toInstant()));
    }
}
