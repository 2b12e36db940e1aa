package dev.northstar.backlog.support;

import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;

import java.time.Duration;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static org.awaitility.Awaitility.await;

/** Roadmap events as roadmap-service publishes them, so backlog tests drive the backlog's roadmap consumer through Kafka. */
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

    /** Publishes a roadmap event and returns its CloudEvents id. */
    public static UUID publish(UUID product, UUID subject, String name, String payload) {
        return EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", name, product, subject, payload);
    }

    public static UUID publish(UUID eventId, UUID product, UUID subject, String name, String payload) {
        return EventPublisher.publish(eventId, Topics.ROADMAP_EVENTS, "roadmap", name, product, subject, payload);
    }

    private RoadmapFixture() {
    }
}
