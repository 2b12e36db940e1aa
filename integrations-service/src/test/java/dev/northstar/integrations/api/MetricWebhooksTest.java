package dev.northstar.integrations.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.integrations.api.WebhookApiTest.as;
import static dev.northstar.integrations.api.WebhookApiTest.webhooks;
import static dev.northstar.platform.testing.EventPublisher.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Metric changes and share-link events reach webhooks too, so a team's tool can react to them without reading Kafka.
 * Metric changes come often: only a subscription that names them ({@code northstar.analytics.…}) receives them, and
 * none is kept when nobody wants it.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class MetricWebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    UUID product;
    WebhookReceiver metrics;
    WebhookReceiver everything;

    @BeforeEach
    void receivers() throws Exception {
        TestTokens.useForEveryRequest(null);
        product = WebhookApiTest.product();
        metrics = new WebhookReceiver(SECRET);
        everything = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void stop() {
        metrics.close();
        everything.close();
    }

    private void subscribe(WebhookReceiver receiver, List<String> types) {
        as("product-manager", product).body(Map.of("url", receiver.url(), "eventTypes", types, "secret", SECRET))
                .post(webhooks(product)).then().statusCode(201);
    }

    private UUID demandChanged(UUID target, long votes) {
        return EventPublisher.publish(Topics.ANALYTICS_METRICS, "analytics", "DemandChanged", product, target, """
                {"productId":"%s","targetType":"INITIATIVE","targetId":"%s","feedback":2,"uniqueCustomers":2,"votes":%d,
                 "accounts":1,"accountValue":5000,"at":"%s","causedBy":"%s","causedByType":"northstar.feedback.VoteCast.v1"}"""
                .formatted(product, target, votes, Instant.now(), UUID.randomUUID()));
    }

    @Test
    void a_demand_change_reaches_only_the_subscription_that_names_it_and_is_kept_only_then() throws Exception {
        UUID target = UUID.randomUUID();
        UUID unwanted = demandChanged(target, 1);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM inbox WHERE event_id = ?", unwanted.toString()) == 1);
        subscribe(metrics, List.of("northstar.analytics.DemandChanged.v1"));
        subscribe(everything, List.of("*"));
        UUID wanted = demandChanged(target, 3);

        await().atMost(WAIT).until(() -> metrics.received().size() == 1);
        WebhookReceiver.Received delivery = metrics.received().getFirst();
        assertThat(delivery.verified()).isTrue();
        assertThat(delivery.id()).isEqualTo(wanted.toString());
        JsonNode body = JSON.readTree(delivery.body());
        assertThat(body.path("type").asText()).isEqualTo("northstar.analytics.DemandChanged.v1");
        assertThat(body.path("subject").asText()).isEqualTo(target.toString());
        assertThat(body.path("data").path("votes").asLong()).isEqualTo(3);

        // nobody wanted the first when it came: it was not kept
        assertThat(count("SELECT count(*) FROM webhook_events WHERE event_id = ?", unwanted)).isZero();
        assertThat(count("SELECT count(*) FROM webhook_events WHERE event_id = ?", wanted)).isEqualTo(1);
        // '*' means the changes people make, not every metric change
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> everything.received().isEmpty());
    }

    @Test
    void a_share_link_made_and_revoked_reaches_a_subscriber_of_integrations_events() throws Exception {
        subscribe(everything, List.of("northstar.integrations.*"));
        String links = "/api/v1/products/" + product + "/share-links";
        String id = as("product-manager", product).body(Map.of("scope", "ROADMAP", "description", "For the board"))
                .post(links).then().statusCode(201).extract().path("id");
        as("product-manager", product).delete(links + "/" + id).then().statusCode(204);

        await().atMost(WAIT).until(() -> everything.received().size() == 2);
        assertThat(everything.received()).extracting(MetricWebhooksTest::typeOf)
                .containsExactly("northstar.integrations.ShareLinkCreated.v1", "northstar.integrations.ShareLinkRevoked.v1");
        assertThat(everything.received()).allMatch(WebhookReceiver.Received::verified)
                .noneMatch(r -> r.body().contains("\"token\""));
    }

    private static String typeOf(WebhookReceiver.Received received) {
        try {
            return JSON.readTree(received.body()).path("type").asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + received.body(), e);
        }
    }
}
