package dev.northstar.analytics.api;

import dev.northstar.analytics.domain.Metric;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PathSpellings;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.ServiceContractTests;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Metrics and their stream are readable by every product role of that product only; rebuilds are for admins. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class AccessTest implements ServiceContractTests {
    @TestHTTPResource("/")
    URL base;

    UUID mine = UUID.randomUUID();
    UUID theirs = UUID.randomUUID();

    static RequestSpecification as(String role, String product) {
        return TestTokens.actingAs(role, product);
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
    void no_spelling_of_the_path_reaches_another_products_metrics() {
        for (String path : PathSpellings.of("/api/v1/products/" + theirs + "/metrics")) {
            as("viewer", mine.toString()).urlEncodingEnabled(false).get(path).then().statusCode(404);
        }
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
        // an admin token scoped to some products is not an operator's: it would reach every product's consumers
        as("admin", UUID.randomUUID().toString()).post("/api/v1/admin/analytics/rebuild").then().statusCode(403)
                .body("detail", containsString("all products"));
        as("admin", UUID.randomUUID().toString()).get("/api/v1/admin/consumers").then().statusCode(403);
        as("admin", UUID.randomUUID().toString()).get("/api/v1/admin/consumers/facts/dead-letters").then().statusCode(403);
        as("admin", "*").post("/api/v1/admin/analytics/rebuild").then().statusCode(202);
        as("viewer", "*").get("/api/v1/admin/consumers/facts/rebuild").then().statusCode(403);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(
                as("admin", "*").get("/api/v1/admin/consumers/facts/rebuild").then().statusCode(200).extract().path("state")));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM feedback_facts WHERE product_id = ?", mine) == 1);
    }

    @Test
    void the_stream_ends_when_the_token_expires() throws Exception {
        String shortLived = TestTokens.token(Duration.ofSeconds(3), "dashboard", Set.of("viewer"), mine.toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/products/" + mine + "/metrics/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + shortLived).build();
        long started = System.nanoTime();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        // the count returns when the server ends the stream; a stream that never ends fails here
        long events = CompletableFuture.supplyAsync(() -> {
            try (Stream<String> lines = response.body()) {
                return lines.filter(line -> line.startsWith("data:")).count();
            }
        }).get(15, TimeUnit.SECONDS);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        // one snapshot event per metric, then the end
        assertThat(events).isEqualTo(Metric.values().length);
        assertThat(seconds).isBetween(1L, 8L);
    }
}
