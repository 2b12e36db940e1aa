package dev.northstar.integrations.api;

import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.RenderedMarkdown;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The digest of a period: built from the events the service keeps, so it is the same whenever it is asked for. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class DigestApiTest {
    UUID product;
    UUID cards;
    UUID wallet;
    UUID release;
    UUID story;
    String digest;

    void publish(String topic, String context, String name, UUID subject, String payload) {
        EventPublisher.publish(topic, context, name, product, subject, payload);
    }

    @BeforeEach
    void aWeekOfAProduct() {
        TestTokens.useForEveryRequest(null);
        product = UUID.randomUUID();
        cards = UUID.randomUUID();
        wallet = UUID.randomUUID();
        release = UUID.randomUUID();
        story = UUID.randomUUID();
        String p = "\"productId\":\"" + product + "\"";
        String theme = "\"themeId\":\"" + UUID.randomUUID() + "\"";
        publish(Topics.ROADMAP_EVENTS, "roadmap", "ProductCreated", product, "{" + p + ",\"name\":\"Pay\"}");
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeAdded", cards, "{\"initiativeId\":\"" + cards + "\"," + p + "," + theme
                + ",\"title\":\"Saved cards\",\"horizon\":\"LATER\",\"rankKey\":1.0}");
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeAdded", wallet, "{\"initiativeId\":\"" + wallet + "\"," + p + "," + theme
                + ",\"title\":\"Wallets\",\"horizon\":\"NEXT\",\"rankKey\":1.0}");
        publish(Topics.ROADMAP_EVENTS, "roadmap", "ReleasePlanned", release, "{\"releaseId\":\"" + release + "\"," + p
                + ",\"name\":\"Spring release\",\"targetDate\":\"2027-03-31\"}");
        publish(Topics.BACKLOG_EVENTS, "backlog", "ItemCreated", story, "{\"itemId\":\"" + story + "\"," + p
                + ",\"type\":\"STORY\",\"title\":\"Save a card at checkout\"}");
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeMoved", cards, "{" + p + "," + theme
                + ",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\",\"targetQuarter\":\"2027-Q1\",\"rankKey\":1.0}");
        publish(Topics.BACKLOG_EVENTS, "backlog", "ItemReprioritized", story, "{\"oldScore\":5.0,\"newScore\":9.0,\"oldRank\":3,\"newRank\":2,"
                + "\"cause\":{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"northstar.roadmap.InitiativeMoved.v1\"}}");
        publish(Topics.BACKLOG_EVENTS, "backlog", "ItemReprioritized", story, "{\"oldScore\":9.0,\"newScore\":9.5,\"oldRank\":2,\"newRank\":1,"
                + "\"cause\":{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"northstar.analytics.MetricChanged.v1\"}}");
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeHealthReported", wallet, "{" + p
                + ",\"status\":\"AT_RISK\",\"text\":\"The wallet vendor slipped\",\"reportedAt\":\"" + Instant.now() + "\",\"reportedBy\":\"pm@example.com\"}");
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeDropped", wallet, "{" + p + "," + theme + ",\"from\":\"PLANNED\",\"reason\":\"No vendor\"}");
        publish(Topics.ROADMAP_EVENTS, "roadmap", "ReleaseShipped", release, "{\"shippedAt\":\"" + Instant.now() + "\",\"initiativeIds\":[\"" + cards + "\"]}");
        publish(Topics.BACKLOG_EVENTS, "backlog", "ItemAccepted", story, "{\"acceptedBy\":\"po@example.com\",\"criteria\":[]}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM webhook_events WHERE product_id = ?", product) == 12);
        digest = "/api/v1/products/" + product + "/digest";
    }

    @Test
    void the_digest_lists_what_moved_shipped_changed_and_why_priorities_changed() {
        TestTokens.actingAs("viewer", product.toString()).get(digest).then().statusCode(200)
                .body("moved", hasSize(1)).body("moved[0].title", equalTo("Saved cards"))
                .body("moved[0].from", equalTo("LATER")).body("moved[0].to", equalTo("NOW")).body("moved[0].by", equalTo("pm@example.com"))
                .body("shipped.kind", equalTo(List.of("RELEASE", "ITEM")))
                .body("shipped.title", equalTo(List.of("Spring release", "Save a card at checkout")))
                .body("statusChanges[0].title", equalTo("Wallets")).body("statusChanges[0].to", equalTo("DROPPED"))
                .body("statusChanges[0].reason", equalTo("No vendor"))
                .body("health[0].status", equalTo("AT_RISK")).body("health[0].text", equalTo("The wallet vendor slipped"))
                .body("priorityChanges", hasSize(1)).body("priorityChanges[0].title", equalTo("Save a card at checkout"))
                .body("priorityChanges[0].fromRank", equalTo(3)).body("priorityChanges[0].toRank", equalTo(1))
                .body("priorityChanges[0].causes", equalTo(List.of("northstar.roadmap.InitiativeMoved.v1", "northstar.analytics.MetricChanged.v1")));
        TestTokens.actingAs("viewer", product.toString()).accept("text/markdown").get(digest).then().statusCode(200)
                .contentType(containsString("text/markdown"))
                .body(containsString("**Saved cards**: LATER → NOW (2027-Q1), by pm@example.com"))
                .body(containsString("rank 3 → 1 because of northstar.roadmap.InitiativeMoved.v1"));
    }

    @Test
    void a_health_text_or_a_title_cannot_add_headings_links_or_images_to_the_markdown_digest() {
        UUID docs = UUID.randomUUID();
        String p = "\"productId\":\"" + product + "\"";
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeAdded", docs, "{\"initiativeId\":\"" + docs + "\"," + p
                + ",\"themeId\":\"" + UUID.randomUUID() + "\",\"title\":\"![pixel](https://evil.example/p.png)\",\"horizon\":\"NOW\",\"rankKey\":1.0}");
        publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeHealthReported", docs, "{" + p
                + ",\"status\":\"OFF_TRACK\",\"text\":\"Late\\n# Injected\\n[Sign in again](javascript:alert(1)) <javascript:alert(2)>\","
                + "\"reportedAt\":\"" + Instant.now() + "\",\"reportedBy\":\"pm@example.com\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM webhook_events WHERE product_id = ?", product) == 14);

        String markdown = TestTokens.actingAs("viewer", product.toString()).queryParam("format", "markdown").get(digest)
                .then().statusCode(200).extract().asString();
        RenderedMarkdown rendered = RenderedMarkdown.of(markdown);
        assertThat(rendered.headings()).as(markdown).extracting(h -> h.replaceAll(" from .*", ""))
                .containsExactly("# What changed", "## Shipped", "## Moved", "## Status", "## Health", "## Priority", "## Customers");
        assertThat(rendered.links()).as(markdown).isEmpty();
        assertThat(rendered.images()).as(markdown).isEmpty();
        assertThat(rendered.html()).as(markdown).isEmpty();
        assertThat(RenderedMarkdown.plainText(markdown))
                .contains("OFF_TRACK: Late # Injected [Sign in again](javascript:alert(1)) <javascript:alert(2)> (pm@example.com)");
    }

    /** Two digests of one caller may be computed at once; a third answers 429 at once, another caller's still runs. */
    @Test
    void a_caller_computes_at_most_two_digests_at_once() throws Exception {
        String viewer = TestTokens.token("busy-viewer@example.com", Set.of("viewer"), product.toString());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY))) {
            connection.setAutoCommit(false);
            connection.createStatement().execute("LOCK TABLE webhook_events IN ACCESS EXCLUSIVE MODE");
            List<Future<Integer>> running = List.of(
                    pool.submit(() -> given().auth().oauth2(viewer).get(digest).statusCode()),
                    pool.submit(() -> given().auth().oauth2(viewer).get(digest).statusCode()));
            // both hold their slot once they wait on the lock
            await().atMost(Duration.ofSeconds(20)).until(() -> count(
                    "SELECT count(*) FROM pg_locks WHERE relation = 'webhook_events'::regclass AND NOT granted") >= 2);
            given().auth().oauth2(viewer).get(digest).then().statusCode(429).contentType("application/problem+json")
                    .body("type", containsString("too-many-digests"));
            connection.rollback();
            for (Future<Integer> digestAnswer : running) {
                assertThat(digestAnswer.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(viewer).get(digest).then().statusCode(200);
    }

    @Test
    void a_period_before_anything_happened_is_empty_and_a_bad_period_is_refused() {
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        TestTokens.actingAs("viewer", product.toString()).queryParam("since", longAgo.toString())
                .queryParam("until", longAgo.plusSeconds(3600).toString()).get(digest).then().statusCode(200)
                .body("moved", hasSize(0)).body("shipped", hasSize(0)).body("customers.feedbackReceived", equalTo(0));
        TestTokens.actingAs("viewer", product.toString()).queryParam("since", "yesterday").get(digest).then().statusCode(400)
                .contentType("application/problem+json");
        TestTokens.actingAs("viewer", product.toString()).queryParam("since", Instant.now().plusSeconds(60).toString())
                .get(digest).then().statusCode(400);
        TestTokens.actingAs("viewer", product.toString()).get("/api/v1/products/" + UUID.randomUUID() + "/digest").then().statusCode(404);
    }
}
