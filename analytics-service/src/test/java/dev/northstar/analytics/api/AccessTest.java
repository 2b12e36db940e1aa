package dev.northstar.analytics.api;

import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Metrics and their stream are readable by every product role of that product only; rebuilds are for admins. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class AccessTest {
    UUID mine = UUID.randomUUID();
    UUID theirs = UUID.randomUUID();

    static RequestSpecification as(String role, String product) {
        return given().auth().oauth2(TestTokens.token(role + "@example.com", Set.of(role), product));
    }

    @BeforeEach
    void twoProductsWithFeedback() {
        TestTokens.useForEveryRequest(null);
        for (UUID product : List.of(mine, theirs)) {
            UUID id = UUID.randomUUID();
            EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id,
                    "{\"feedbackId\":\"" + id + "\",\"productId\":\"" + product + "\",\"source\":\"SURVEY\",\"customer\":"
                            + "{\"customerId\":\"c-1\",\"account\":\"Acme\",\"accountValue\":100},\"text\":\"x\",\"rating\":9,"
                            + "\"tags\":[],\"sentiment\":{\"score\":0.5,\"label\":\"POSITIVE\"}}");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> count("SELECT count(*) FROM feedback_facts WHERE product_id = ?", product) == 1);
        }
    }

    @Test
    void every_product_role_reads_its_own_metrics_and_no_one_elses() {
        for (String reader : new String[]{"viewer", "product-manager", "product-owner", "contributor"}) {
            as(reader, mine.toString()).get("/api/v1/products/" + mine + "/metrics").then().statusCode(200);
        }
        as("viewer", mine.toString()).get("/api/v1/products/" + theirs + "/metrics").then().statusCode(404)
                .contentType("application/problem+json");
        as("viewer", mine.toString()).get("/api/v1/products/" + theirs + "/metrics/series?metric=feedback.volume")
                .then().statusCode(404);
        as("admin", mine.toString()).get("/api/v1/products/" + mine + "/metrics").then().statusCode(403);
    }

    @Test
    void the_stream_of_another_product_is_not_there_and_needs_a_token() {
        as("viewer", mine.toString()).accept("text/event-stream").get("/api/v1/products/" + theirs + "/metrics/stream")
                .then().statusCode(404).contentType("application/problem+json");
        given().accept("text/event-stream").get("/api/v1/products/" + mine + "/metrics/stream")
                .then().statusCode(401);
    }

    @Test
    void only_admins_rebuild() {
        as("viewer", "*").post("/api/v1/admin/analytics/rebuild").then().statusCode(403);
        as("product-manager", "*").post("/api/v1/admin/analytics/rebuild").then().statusCode(403);
    }
}
