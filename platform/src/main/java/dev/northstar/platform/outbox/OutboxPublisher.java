package dev.northstar.platform.outbox;

import dev.northstar.platform.tracing.MessageTracing;
import io.opentelemetry.api.trace.Span;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One step of the relay: read the oldest outbox rows, publish them in that order, wait for Kafka's
 * acknowledgement, then delete them. A crash between publishing and deleting publishes the rows again
 * (at least once); consumers drop the duplicates through their inbox.
 */
public class OutboxPublisher {
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final ObjectMapper json;
    private final MessageTracing tracing;
    private final int batchSize;
    private final OutboxListener listener;

    public OutboxPublisher(DataSource dataSource, Producer<String, String> producer, ObjectMapper json,
                           MessageTracing tracing, int batchSize) {
        this(dataSource, producer, json, tracing, batchSize, OutboxListener.NONE);
    }

    public OutboxPublisher(DataSource dataSource, Producer<String, String> producer, ObjectMapper json,
                           MessageTracing tracing, int batchSize, OutboxListener listener) {
        this.listener = listener;
        this.dataSource = dataSource;
        this.producer = producer;
        this.json = json;
        this.tracing = tracing;
        this.batchSize = batchSize;
    }

    /**
     * Publishes the next batch; returns how many rows it took off the outbox. A row the broker refuses for good (larger
     * than it accepts) is parked, and the rows behind it go on; the rows acknowledged are never published again, even
     * when another row of the batch failed for a while (that failure is thrown, and the relay tries it again).
     */
    public int publishNextBatch() throws SQLException, InterruptedException, ExecutionException {
        List<OutboxRow> rows = nextBatch();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            ProducerRecord<String, String> record = toRecord(row);
            Span publishing = tracing.startPublishing(row.topic(), row.key(), row.headers(), record.headers());
            try {
                acks.add(producer.send(record));
            } finally {
                publishing.end();
            }
        }
        producer.flush();
        List<OutboxRow> published = new ArrayList<>(rows.size());
        List<Refused> refused = new ArrayList<>();
        ExecutionException transientFailure = null;
        for (int i = 0; i < rows.size(); i++) {
            try {
                RecordMetadata acked = acks.get(i).get();
                published.add(rows.get(i));
                listener.published(rows.get(i).eventId(), acked.topic(), acked.partition(), acked.offset());
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof RecordTooLargeException tooLarge) {
                    refused.add(new Refused(rows.get(i), tooLarge.getMessage()));
                } else if (transientFailure == null) {
                    transientFailure = failed;
                }
            }
        }
        markPublished(published);
        park(refused);
        if (transientFailure != null) {
            throw transientFailure;
        }
        return published.size() + refused.size();
    }

    private List<OutboxRow> nextBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT id, event_id, topic, message_key, headers::text, payload FROM outbox ORDER BY id LIMIT ?")) {
            ps.setInt(1, batchSize);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            readHeaders(rs.getString(5)), rs.getString(6)));
                }
            }
            return rows;
        }
    }

    protected void markPublished(List<OutboxRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
            Array ids = connection.createArrayOf("bigint", rows.stream().map(OutboxRow::id).toArray());
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
    }

    /** Moves rows the broker refused into {@code outbox_parked}, with the reason, in one statement. */
    private void park(List<Refused> refused) throws SQLException {
        if (refused.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     WITH parked AS (DELETE FROM outbox o USING unnest(?::bigint[], ?::text[]) AS r(id, reason)
                                     WHERE o.id = r.id RETURNING o.*, r.reason)
                     INSERT INTO outbox_parked (id, event_id, topic, message_key, headers, payload, created_at, reason)
                     SELECT id, event_id, topic, message_key, headers, payload, created_at, reason FROM parked""")) {
            ps.setArray(1, connection.createArrayOf("bigint", refused.stream().map(r -> r.row().id()).toArray()));
            ps.setArray(2, connection.createArrayOf("text", refused.stream().map(Refused::reason).toArray()));
            ps.executeUpdate();
        }
        refused.forEach(r -> LOG.errorf("outbox relay parked row %d (event %s on %s): %s", r.row().id(),
                r.row().headers().get("ce_id"), r.row().topic(), r.reason()));
    }

    private ProducerRecord<String, String> toRecord(OutboxRow row) {
        RecordHeaders headers = new RecordHeaders();
        row.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(row.topic(), null, row.key(), row.payload(), headers);
    }

    private Map<String, String> readHeaders(String headers) {
        try {
            return json.readValue(headers, HEADERS);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable outbox headers", e);
        }
    }

    private record Refused(OutboxRow row, String reason) {
    }

    public record OutboxRow(long id, UUID eventId, String topic, String key, Map<String, String> headers, String payload) {
    }
}
