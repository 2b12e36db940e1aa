package dev.northstar.analytics.api;

import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Competitors from the roadmap, mentions and lost deals from feedback: competitors.30d. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class CompetitorsTest {
    UUID product;
    UUID stripe;
    UUID adyen;
    String metrics;

    @BeforeEach
    void twoCompetitors() {
        TestTokens.useForEveryRequest(TestTokens.everything("analyst@example.com"));
        product = UUID.randomUUID();
        stripe = UUID.randomUUID();
        adyen = UUID.randomUUID();
        metrics = "/api/v1/products/" + product + "/metrics";
        for (UUID competitor : new UUID[]{stripe, adyen}) {
            String name = competitor.equals(stripe) ? "Stripe" : "Adyen";
            EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "CompetitorAdded", product, competitor,
                    "{\"competitorId\":\"" + competitor + "\",\"productId\":\"" + product + "\",\"name\":\"" + name
                            + "\",\"keywords\":[\"" + name + "\"]}");
        }
    }

    void feedback(boolean lostDeal, UUID... competitors) {
        UUID id = UUID.randomUUID();
        StringBuilder mentions = new StringBuilder();
        for (UUID competitor : competitors) {
            mentions.append(mentions.isEmpty() ? "" : ",").append("{\"competitorId\":\"").append(competitor)
                    .append("\",\"name\":\"x\",\"detected\":true}");
        }
        EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id,
                "{\"feedbackId\":\"" + id + "\",\"productId\":\"" + product + "\",\"source\":\"SALES\",\"customer\":{\"customerId\":\"c-"
                        + id + "\"},\"text\":\"x\",\"tags\":[],\"sentiment\":{\"score\":0,\"label\":\"NEUTRAL\"},\"competitors\":["
                        + mentions + "],\"lostDeal\":" + lostDeal + "}");
    }

    @Test
    void mentions_and_lost_deals_are_counted_per_competitor_most_mentioned_first() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then().statusCode(200)
                .body("'competitors.30d'.competitors.mentions", contains(0, 0)));

        feedback(true, stripe);
        feedback(false, stripe, adyen);
        feedback(true, adyen);
        feedback(false, stripe);
        feedback(true);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then()
                .body("'competitors.30d'.competitors.name", contains("Stripe", "Adyen"))
                .body("'competitors.30d'.competitors.mentions", contains(3, 2))
                .body("'competitors.30d'.competitors.lostDeals", contains(1, 1))
                .body("'competitors.30d'.lostDeals", equalTo(3))
                .body("'competitors.30d'.lostDealsNamingNoCompetitor", equalTo(1)));
    }
}
