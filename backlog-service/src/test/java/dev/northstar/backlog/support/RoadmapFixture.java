package dev.northstar.backlog.support;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Publishes roadmap events on {@code northstar.roadmap.events} the way roadmap-service does (CloudEvents
 * headers, key = aggregate id), so backlog tests drive the backlog's roadmap consumer through real Kafka.
 */
public final class RoadmapFixture {

    /** Publishes ProductCreated and waits until backlog-service knows the product. */
    public static UUID product() {
        UUID product = UUID.randomUUID();
        publish(product, product, "ProductCreated", "{\"productId\":\"" + product + "\",\"name\":\"Test product\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM roadmap_products WHERE product_id = ?", product) == 1);
        return product;
    }

    public static UUID theme(UUID product, String weight) {
        UUID theme = UUID.randomUUID();
        publish(product, theme, "ThemeAdded", "{\"themeId\":\"" + theme + "\",\"productId\":\"" + product
                + "\",\"name\":\"Growth\",\"weight\":" + weight + "}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM roadmap_themes WHERE theme_id = ?", theme) == 1);
        return theme;
    }

    public static UUID initiative(UUID product, UUID theme, String horizon) {
        UUID initiative = UUID.randomUUID();
        publish(product, initiative, "InitiativeAdded", "{\"initiativeId\":\"" + initiative + "\",\"productId\":\"" + product
                + "\",\"themeId\":\"" + theme + "\",\"title\":\"Checkout\",\"horizon\":\"" + horizon + "\"}");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM roadmap_initiatives WHERE initiative_id = ?", initiative) == 1);
        return initiative;
    }

    /** Publishes an event and returns its CloudEvents id. */
    public static UUID publish(UUID product, UUID subject, String name, String payload) {
        return publish(UUID.randomUUID(), product, subject, name, payload);
    }

    public static UUID publish(UUID eventId, UUID product, UUID subject, String name, String payload) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty(KafkaBroker.BOOTSTRAP_PROPERTY),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ROADMAP_EVENTS, subject.toString(), payload);
            Map.of(Headers.SPEC_VERSION, "1.0",
                    Headers.ID, eventId.toString(),
                    Headers.TYPE, "northstar.roadmap." + name + ".v1",
                    Headers.SOURCE, "/northstar/roadmap-service",
                    Headers.SUBJECT, subject.toString(),
                    Headers.TIME, Instant.now().toString(),
                    Headers.PRODUCT_ID, product.toString(),
                    Headers.CORRELATION_ID, UUID.randomUUID().toString(),
                    Headers.ACTOR, "pm@example.com")
                    .forEach((header, value) -> record.headers().add(header, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, UUID parameter) {
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private RoadmapFixture() {
    }
}
