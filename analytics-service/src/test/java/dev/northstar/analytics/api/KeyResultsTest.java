package dev.northstar.analytics.api;

import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Key results of roadmap-service's objectives, read from feedback and from measurements: progress, trend, status. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class KeyResultsTest {
    static final Instant NOW = Instant.now();

    UUID product;
    UUID objective;
    UUID nps;
    UUID checkouts;
    String metrics;

    @BeforeEach
    void objectiveWithTwoKeyResults() {
        TestTokens.useForEveryRequest(TestTokens.everything("analyst@example.com"));
        product = UUID.randomUUID();
        objective = UUID.randomUUID();
        nps = UUID.randomUUID();
        checkouts = UUID.randomUUID();
        metrics = "/api/v1/products/" + product + "/metrics";
        int year = NOW.atZone(ZoneOffset.UTC).getYear();
        // set a month ago, so that the key results exist at the instants asOf asks about below
        EventPublisher.publish(UUID.randomUUID(), Topics.ROADMAP_EVENTS, "roadmap", "ObjectiveSet", product, objective, """
                {"objectiveId":"%s","productId":"%s","title":"Customers love paying with us","period":"%d",
                 "keyResults":[
                   {"id":"%s","metric":"nps.30d","source":"ANALYTICS","unit":"NPS","baseline":0,"target":50,
                    "direction":"INCREASE","dueDate":"%d-12-31","northStar":true},
                   {"id":"%s","metric":"weekly.checkouts","source":"MEASURED","unit":"checkouts","baseline":4000,"target":6000,
                    "direction":"INCREASE","dueDate":"%d-06-30","northStar":false}],
                 "themeIds":[],"initiativeIds":[]}""".formatted(objective, product, year, nps, year, checkouts, year + 1),
                Map.of("ce_time", NOW.minus(30, ChronoUnit.DAYS).toString()));
    }

    void roadmap(String name, String payload) {
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", name, product, objective, payload);
    }

    void measured(int daysAgo, int value) {
        roadmap("KeyResultMeasured", "{\"keyResultId\":\"%s\",\"value\":%d,\"at\":\"%s\"}"
                .formatted(checkouts, value, NOW.minus(daysAgo, ChronoUnit.DAYS)));
    }

    void rating(int rating) {
        UUID id = UUID.randomUUID();
        EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id,
                "{\"feedbackId\":\"" + id + "\",\"productId\":\"" + product + "\",\"source\":\"SURVEY\",\"customer\":{\"customerId\":\"c-"
                        + id + "\"},\"text\":\"x\",\"rating\":" + rating + ",\"tags\":[],\"sentiment\":{\"score\":0.5,\"label\":\"POSITIVE\"}}");
    }

    @Test
    void a_key_result_reads_its_actual_value_from_feedback_and_shows_on_the_metrics_topic() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then().statusCode(200)
                .body("keyResults.metric", contains("nps.30d", "weekly.checkouts"))
                .body("keyResults[0].northStar", equalTo(true))
                .body("keyResults[0].status", equalTo("NO_DATA"))
                .body("keyResults[0].actual", nullValue()));

        for (int rating : new int[]{10, 10, 10, 3}) {
            rating(rating);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then()
                .body("keyResults[0].actual", equalTo(50))
                .body("keyResults[0].progress", equalTo(1.0f))
                .body("keyResults[0].status", equalTo("ACHIEVED")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> published = TopicReader.readAll(Topics.ANALYTICS_METRICS, Duration.ofMillis(300))
                    .stream().filter(r -> (product + "/keyResults").equals(r.key())).toList();
            assertThat(published).isNotEmpty();
            assertThat(published.getLast().value()).contains("\"status\":\"ACHIEVED\"").contains("\"metric\":\"nps.30d\"");
        });
    }

    @Test
    void measurements_give_a_trend_that_is_projected_to_the_due_date_and_as_of_reads_the_past() {
        measured(14, 4200);
        measured(7, 4500);
        measured(0, 4800);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM measurement_facts WHERE product_id = ?", product) == 3);

        given().get(metrics + "/key-results").then().statusCode(200)
                .body("[1].actual", equalTo(4800))
                .body("[1].progress", equalTo(0.4f))
                .body("[1].trendPerDay", equalTo(42.8571f))
                .body("[1].status", equalTo("ON_TRACK"));
        given().queryParam("asOf", NOW.minus(10, ChronoUnit.DAYS).toString()).get(metrics + "/key-results").then().statusCode(200)
                .body("[1].actual", equalTo(4200))
                .body("[1].trendPerDay", nullValue());

        roadmap("KeyResultRemoved", "{\"keyResultId\":\"" + checkouts + "\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics + "/key-results").then()
                .body("metric", contains("nps.30d")));
        given().queryParam("asOf", NOW.toString()).get(metrics + "/key-results").then()
                .body("", hasSize(2));
        given().queryParam("asOf", "yesterday").get(metrics + "/key-results").then().statusCode(400);
    }
}
