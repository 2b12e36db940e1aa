package dev.northstar.platform;

import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.NewEvent;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Helpers of the platform tests: append to a throw-away stream type, read a topic, read test_effects. */
final class TestStreams {
    static final String STREAM_TYPE = "counter";

    static List<StoredEvent> append(EventStore store, UUID streamId, int expectedVersion, int count) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<NewEvent> events = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                events.add(new NewEvent(UUID.randomUUID(), "Incremented", "northstar.test.Incremented.v1",
                        "{\"n\":" + (expectedVersion + i) + "}"));
            }
            return store.append(STREAM_TYPE, streamId, null, expectedVersion, events,
                    EventMetadata.now(UUID.randomUUID(), null, "test"));
        });
    }

    /** Every record of a topic, read from the start until {@code quiet} passes without a new one. */
    static List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty(KafkaBroker.BOOTSTRAP_PROPERTY),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long quietUntil = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < quietUntil || records.isEmpty() && System.nanoTime() < quietUntil + Duration.ofSeconds(20).toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    batch.forEach(records::add);
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
            return records;
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** How often the test consumer applied an event, or 0. */
    static int timesApplied(UUID eventId) {
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             PreparedStatement ps = connection.prepareStatement("SELECT applied FROM test_effects WHERE event_id = ?")) {
            ps.setString(1, eventId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestStreams() {
    }
}
