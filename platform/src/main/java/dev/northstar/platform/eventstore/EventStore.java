package dev.northstar.platform.eventstore;

import dev.northstar.contracts.Headers;
import dev.northstar.platform.eventstore.Projection.RebuildBatch;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /**
     * Events of one or more streams and their outbox rows in one statement (one round trip), in the order given: the
     * outbox rows' ids, which the relay publishes in, follow it. Each payload travels once; an outbox row's headers
     * are the append's common headers (a JSON object) plus the event's own, built here.
     */
    private static final String APPEND = """
            WITH e AS MATERIALIZED (
                SELECT u.stream_id, u.product_id, u.version, u.event_id, u.event_type, u.cloud_event_type,
                    p.payload::text AS payload, u.position
                FROM unnest(?::uuid[], ?::uuid[], ?::int4[], ?::uuid[], ?::text[], ?::text[])
                    WITH ORDINALITY AS u(stream_id, product_id, version, event_id, event_type, cloud_event_type, position)
                JOIN json_array_elements(?::json) WITH ORDINALITY AS p(payload, position) ON p.position = u.position),
            appended AS (
                INSERT INTO event_store (stream_type, correlation_id, causation_id, actor, occurred_at,
                    stream_id, product_id, stream_version, event_id, event_type, payload)
                SELECT ?::text, ?::uuid, ?::uuid, ?::text, ?::timestamptz,
                    e.stream_id, e.product_id, e.version, e.event_id, e.event_type, e.payload::jsonb
                FROM e ORDER BY e.position
                RETURNING global_position, event_id),
            queued AS (
                INSERT INTO outbox (event_id, topic, message_key, headers, payload)
                SELECT e.event_id, ?::text, e.stream_id::text,
                    ?::jsonb || jsonb_build_object('%s', e.event_id::text, '%s', e.cloud_event_type,
                        '%s', e.stream_id::text, '%s', e.version::text)
                        || CASE WHEN e.product_id IS NULL THEN '{}'::jsonb
                                ELSE jsonb_build_object('%s', e.product_id::text) END,
                    e.payload
                FROM e ORDER BY e.position)
            SELECT global_position, event_id FROM appended""".formatted(Headers.ID, Headers.TYPE, Headers.SUBJECT,
            Headers.STREAM_VERSION, Headers.PRODUCT_ID);

    /**
     * The events of one command for one stream, to append after {@code expectedVersion} (0 for a new stream), and the
     * stream's state after them when the appender folded it (handed to the projections; {@code null} when unknown).
     */
    public record StreamAppend(UUID streamId, UUID productId, int expectedVersion, List<NewEvent> events, Object stateAfter) {
        public StreamAppend(UUID streamId, UUID productId, int expectedVersion, List<NewEvent> events) {
            this(streamId, productId, expectedVersion, events, null);
        }
    }

    /** From this many events an append has its read-model rows encoded on another thread while its statement runs. */
    private static final int PREPARE_ASIDE_FROM_EVENTS = 500;
    private static final ExecutorService PREPARING = Executors.newVirtualThreadPerTaskExecutor();

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
        return appendAll(streamType, List.of(new StreamAppend(streamId, productId, expectedVersion, events)), metadata)
                .getFirst();
    }

    /**
     * Appends the events of several streams of one type, caused by one thing (a roadmap change rescoring many items,
     * say), in one round trip; answers each stream's stored events, in the order given.
     *
     * @throws ConcurrencyConflict if another writer appended to one of the streams first
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<List<StoredEvent>> appendAll(String streamType, List<StreamAppend> appends, EventMetadata metadata) {
        int size = appends.stream().mapToInt(append -> append.events().size()).sum();
        if (size == 0) {
            return appends.stream().map(append -> List.<StoredEvent>of()).toList();
        }
        UUID[] streamIds = new UUID[size];
        UUID[] productIds = new UUID[size];
        Integer[] versions = new Integer[size];
        UUID[] eventIds = new UUID[size];
        String[] eventTypes = new String[size];
        String[] cloudEventTypes = new String[size];
        // the payloads go as one JSON array (json keeps each element's text as it is): a text array would have the driver
        // escape every character of every payload
        StringBuilder payloads = new StringBuilder(size * 512).append('[');
        int i = 0;
        for (StreamAppend append : appends) {
            int version = append.expectedVersion();
            for (NewEvent event : append.events()) {
                streamIds[i] = append.streamId();
                productIds[i] = append.productId();
                versions[i] = ++version;
                eventIds[i] = event.eventId();
                eventTypes[i] = event.eventType();
                cloudEventTypes[i] = event.cloudEventType();
                EventTooLarge.check(event.eventType(), event.payload());
                payloads.append(i == 0 ? "" : ",").append(event.payload());
                i++;
            }
        }
        Future<List<Prepared>> prepared = size >= PREPARE_ASIDE_FROM_EVENTS ? prepareAside(streamType, appends, metadata) : null;
        Map<UUID, Long> positions = new HashMap<>(size * 2);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(APPEND)) {
            statement.setArray(1, connection.createArrayOf("uuid", streamIds));
            statement.setArray(2, connection.createArrayOf("uuid", productIds));
            statement.setArray(3, connection.createArrayOf("int4", versions));
            statement.setArray(4, connection.createArrayOf("uuid", eventIds));
            statement.setArray(5, connection.createArrayOf("text", eventTypes));
            statement.setArray(6, connection.createArrayOf("text", cloudEventTypes));
            statement.setString(7, payloads.append(']').toString());
            statement.setString(8, streamType);
            statement.setObject(9, metadata.correlationId());
            statement.setObject(10, metadata.causationId());
            statement.setString(11, metadata.actor());
            statement.setTimestamp(12, Timestamp.from(metadata.occurredAt()));
            statement.setString(13, topic);
            statement.setString(14, outbox.encodeHeaders(commonHeaders(metadata)));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    positions.put(rs.getObject(2, UUID.class), rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            if (prepared != null) {
                prepared.cancel(true);
            }
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                StreamAppend first = appends.getFirst();
                throw new ConcurrencyConflict(first.streamId(), first.expectedVersion());
            }
            throw new IllegalStateException("append to " + appends.size() + " stream(s) failed", e);
        }
        outbox.queued(List.of(eventIds));
        List<List<StoredEvent>> stored = new ArrayList<>(appends.size());
        List<Projection.AppendedStream> changedStreams = new ArrayList<>(appends.size());
        for (StreamAppend append : appends) {
            List<StoredEvent> events = new ArrayList<>(append.events().size());
            int version = append.expectedVersion();
            for (NewEvent event : append.events()) {
                events.add(new StoredEvent(positions.get(event.eventId()), append.streamId(), streamType, ++version,
                        event.eventId(), event.eventType(), event.payload(), append.productId(), metadata));
            }
            stored.add(events);
            if (!events.isEmpty()) {
                changedStreams.add(new Projection.AppendedStream(events, append.stateAfter()));
            }
        }
        if (prepared != null) {
            for (Prepared rows : awaitPrepared(prepared)) {
                rows.batch().ifPresentOrElse(RebuildBatch::write, () -> rows.projection().applyAppended(changedStreams));
            }
            return stored;
        }
        for (Projection projection : projections) {
            if (projection.streamType().equals(streamType)) {
                projection.applyAppended(changedStreams);
            }
        }
        return stored;
    }

    /** A projection's rows of a big append, encoded aside; none when it has to read the database for them. */
    private record Prepared(Projection projection, Optional<RebuildBatch> batch) {
    }

    /**
     * Has the projections of the stream type encode a big append's rows on another thread, while this one sends the
     * append's statement and PostgreSQL runs it (a roadmap move rescoring 10,000 items: about 150 ms of Jackson on
     * the side of 400 ms of statement). The streams' events have no global position yet.
     */
    private Future<List<Prepared>> prepareAside(String streamType, List<StreamAppend> appends, EventMetadata metadata) {
        List<Projection.AppendedStream> pending = new ArrayList<>(appends.size());
        for (StreamAppend append : appends) {
            List<StoredEvent> events = new ArrayList<>(append.events().size());
            int version = append.expectedVersion();
            for (NewEvent event : append.events()) {
                events.add(new StoredEvent(0, append.streamId(), streamType, ++version, event.eventId(), event.eventType(),
                        event.payload(), append.productId(), metadata));
            }
            if (!events.isEmpty()) {
                pending.add(new Projection.AppendedStream(events, append.stateAfter()));
            }
        }
        List<Projection> fed = projections.stream().filter(projection -> projection.streamType().equals(streamType)).toList();
        return PREPARING.submit(() -> fed.stream()
                .map(projection -> new Prepared(projection, projection.prepareAppended(pending))).toList());
    }

    private static List<Prepared> awaitPrepared(Future<List<Prepared>> prepared) {
        try {
            return prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the read-model rows were encoded", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("encoding the read-model rows failed", e.getCause());
        }
    }

    /** The CloudEvents headers every event of an append shares (the statement adds each event's id, type, subject, version and product). */
    private Map<String, String> commonHeaders(EventMetadata metadata) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.SPEC_VERSION, "1.0");
        headers.put(Headers.SOURCE, source);
        headers.put(Headers.TIME, metadata.occurredAt().toString());
        headers.put(Headers.CONTENT_TYPE, "application/json");
        headers.put(Headers.CORRELATION_ID, metadata.correlationId().toString());
        if (metadata.causationId() != null) {
            headers.put(Headers.CAUSATION_ID, metadata.causationId().toString());
        }
        headers.put(Headers.ACTOR, metadata.actor());
        return headers;
    }

    /** Every event of a stream, oldest first. */
    public List<StoredEvent> load(UUID streamId) {
        return query("SELECT " + COLUMNS + " FROM event_store WHERE stream_id = ? ORDER BY stream_version",
                ps -> ps.setObject(1, streamId));
    }

    /**
     * The latest event of each type in a stream, oldest first: enough for a view that shows what last set each part of
     * an aggregate, and as cheap for an item moved a thousand times as for a new one.
     */
    public List<StoredEvent> loadLatestOfEachType(UUID streamId) {
        return query("SELECT " + COLUMNS + " FROM (SELECT DISTINCT ON (event_type) * FROM event_store WHERE stream_id = ? "
                + "ORDER BY event_type, stream_version DESC) latest ORDER BY stream_version", ps -> ps.setObject(1, streamId));
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

    /**
     * Streams every event of a stream type to {@code sink}, stream by stream (each stream's events oldest first, in
     * batches of up to {@code streamsPerBatch} streams), without holding them all in memory: what a rebuild of a
     * projection needs, since a projection's rows are folded per stream.
     *
     * @return the number of events
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long replayStreams(String streamType, int streamsPerBatch, Consumer<List<List<StoredEvent>>> sink) {
        long count = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM event_store WHERE stream_type = ? ORDER BY stream_id, stream_version")) {
            ps.setFetchSize(5000);
            ps.setString(1, streamType);
            List<List<StoredEvent>> batch = new ArrayList<>(streamsPerBatch);
            List<StoredEvent> stream = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEvent event = read(rs);
                    if (!stream.isEmpty() && !stream.getFirst().streamId().equals(event.streamId())) {
                        batch.add(stream);
                        stream = new ArrayList<>();
                        if (batch.size() == streamsPerBatch) {
                            sink.accept(batch);
                            batch = new ArrayList<>(streamsPerBatch);
                        }
                    }
                    stream.add(event);
                    count++;
                }
            }
            if (!stream.isEmpty()) {
                batch.add(stream);
            }
            if (!batch.isEmpty()) {
                sink.accept(batch);
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
