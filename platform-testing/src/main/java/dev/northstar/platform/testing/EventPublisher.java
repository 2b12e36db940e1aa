package dev.northstar.platform.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.UUID;

/**
 * Publishes events the way another Northstar service's outbox relay does (CloudEvents binary headers,
 * key = aggregate id), so a service's tests drive its consumers through the real broker.
 */
public final class EventPublisher {
    /** One producer per broker, kept for the test run: a producer per event would make bursts slow. */
    private static final Map<String, KafkaProducer<String, String>> PRODUCERS = new ConcurrentHashMap<>();

    /** Publishes {@code northstar.<context>.<name>.v1} on {@code topic} and returns its CloudEvents id. */
    public static UUID publish(String topic, String context, String name, UUID productId, UUID subject, String payload) {
        return publish(UUID.randomUUID(), topic, context, name, productId, subject, payload);
    }

    public static UUID publish(UUID eventId, String topic, String context, String name, UUID productId, UUID subject,
                               String payload) {
        return publish(eventId, topic, context, name, productId, subject, payload, Map.of());
    }

    /** Also sends extra headers, such as a W3C {@code traceparent}. */
    public static UUID publish(UUID eventId, String topic, String context, String name, UUID productId, UUID subject,
                               String payload, Map<String, String> extraHeaders) {
        try {
            send(eventId, topic, context, name, productId, subject, payload, extraHeaders).get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + name, e);
        }
    }

    /** A burst: publishes without waiting for the broker (call {@link #flush()} at the end), as fast as a busy producer. */
    public static UUID publishWithoutWaiting(String topic, String context, String name, UUID productId, UUID subject,
                                             String payload) {
        UUID eventId = UUID.randomUUID();
        send(eventId, topic, context, name, productId, subject, payload, Map.of());
        return eventId;
    }

    /** Waits until every record published so far is on the broker. */
    public static void flush() {
        producer().flush();
    }

    private static KafkaProducer<String, String> producer() {
        return PRODUCERS.computeIfAbsent(System.getProperty(KafkaBroker.BOOTSTRAP_PROPERTY),
                bootstrap -> new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
    }

    private static Future<RecordMetadata> send(UUID eventId, String topic, String context, String name, UUID productId,
                                           UUID subject, String payload, Map<String, String> extraHeaders) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, subject.toString(), payload);
        Map.of("ce_specversion", "1.0",
                "ce_id", eventId.toString(),
                "ce_type", "northstar." + context + "." + name + ".v1",
                "ce_source", "/northstar/" + context + "-service",
                "ce_subject", subject.toString(),
                "ce_time", Instant.now().toString(),
                "ce_productid", productId.toString(),
                "ce_correlationid", UUID.randomUUID().toString(),
                "ce_actor", "pm@example.com")
                .forEach((header, value) -> record.headers().add(header, value.getBytes(StandardCharsets.UTF_8)));
        extraHeaders.forEach((header, value) -> record.headers().add(header, value.getBytes(StandardCharsets.UTF_8)));
        return producer().send(record);
    }

    /** A count from the test database, to wait until a consumer has done its work. */
    public static long count(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement on the test database as its superuser (to age rows, say). */
    public static void execute(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.execute();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private EventPublisher() {
    }
}
