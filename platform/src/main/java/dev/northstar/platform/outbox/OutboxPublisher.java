package dev.northstar.platform.outbox;

import dev.northstar.platform.tracing.MessageTracing;
import io.opentelemetry.api.trace.Span;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One step of the relay: read the oldest outbox rows, publish them in that order, wait for Kafka's
 * acknowledgement, then delete them. A crash between publishing and deleting publishes the rows again
 * (at least once); consumers drop the duplicates through their inbox.
 */
public class OutboxPublisher {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final ObjectMapper json;
    private final MessageTracing tracing;
    private final int batchSize;

    public OutboxPublisher(DataSource dataSource, Producer<String, String> producer, ObjectMapper json,
                           MessageTracing tracing, int batchSize) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.json = json;
        this.tracing = tracing;
        this.batchSize = batchSize;
    }

    /** Publishes the next batch; returns how many rows it published. */
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
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        markPublished(rows);
        return rows.size();
    }

    private List<OutboxRow> nextBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT id, topic, message_key, headers::text, payload FROM outbox ORDER BY id LIMIT ?")) {
            ps.setInt(1, batchSize);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            readHeaders(rs.getString(4)), rs.getString(5)));
                }
            }
            return rows;
        }
    }

    protected void markPublished(List<OutboxRow> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
            Array ids = connection.createArrayOf("bigint", rows.stream().map(OutboxRow::id).toArray());
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
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

    public record OutboxRow(long id, String topic, String key, Map<String, String> headers, String payload) {
    }
}
