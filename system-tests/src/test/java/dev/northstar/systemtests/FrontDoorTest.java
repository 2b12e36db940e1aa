package dev.northstar.systemtests;

import dev.northstar.devstack.Devstack;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * The local run's one origin: the tour's calls to every service through the front door alone, the live stream event
 * by event, and the services' own answers (their 413 problem) unchanged; what no service serves is a 404 problem.
 * The front door serves the whole API's OpenAPI document and Swagger UI on it itself.
 */
class FrontDoorTest {
    static Devstack stack;
    static Path data;
    static String door;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("northstar-front-door-test");
        stack = Devstack.start(new Devstack.Settings(root, data, 27932, null, "postgres", "postgres", 29992, 29993,
                Map.of("roadmap-service", 18981, "backlog-service", 18982, "feedback-service", 18983, "analytics-service", 18984,
                        "integrations-service", 18985)));
        door = stack.frontDoor().url();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (stack != null) {
            stack.close();
            Devstack.deleteStoresOf(data);
        }
    }

    static RequestSpecification as(String actor) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + stack.signingKey().everything(actor));
    }

    @Test
    void the_tour_runs_through_one_origin_and_the_metrics_stream_arrives_event_by_event() throws Exception {
        Response created = as("pm@example.com").body(Map.of("name", "Through the front door"))
                .post(door + "/api/v1/products");
        created.then().statusCode(201);
        String product = created.path("id");
        String products = door + "/api/v1/products/" + product;
        assertThat(created.header("Location")).endsWith("/api/v1/products/" + product);
        as("pm@example.com").get(products).then().statusCode(200).body("name", equalTo("Through the front door"));

        await().atMost(Duration.ofSeconds(30)).until(() -> as("po@example.com").get(products + "/backlog/items").statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> as("zendesk").get(products + "/feedback").statusCode() == 200);
        submitFeedback(products, "c-1", 9);
        await().atMost(Duration.ofSeconds(30)).until(() -> as("viewer@example.com").get(products + "/metrics").statusCode() == 200);

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        var stream = http.sendAsync(HttpRequest.newBuilder(URI.create(products + "/metrics/stream"))
                        .header("Authorization", "Bearer " + stack.signingKey().everything("dashboard@example.com")).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (Stream<String> lines = stream.get().body()) {
                lines.filter(line -> line.startsWith("data:")).forEach(events::add);
            } catch (Exception e) {
                // ends with the test
            }
        });
        assertThat(stream.get(10, TimeUnit.SECONDS).headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        assertThat(events.poll(10, TimeUnit.SECONDS)).as("the current values, at once").isNotNull();

        submitFeedback(products, "c-2", 3);
        // a proxy that buffered the stream would hold this event back until the stream ended
        long deadline = System.nanoTime() + SystemTest.METRIC_BOUND.toNanos();
        String update = null;
        while (update == null || !(update.contains("\"nps.30d\"") && update.contains("\"responses\":2"))) {
            update = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(update).as("the NPS update with both responses within %s", SystemTest.METRIC_BOUND).isNotNull();
        }
        reader.interrupt();
    }

    private static void submitFeedback(String products, String customer, int rating) {
        as("zendesk").body(Map.of("source", "SUPPORT", "customerId", customer, "rating", rating, "text", "Saved cards please"))
                .post(products + "/feedback").then().statusCode(201);
    }

    @Test
    void the_whole_api_is_one_document_with_its_docs_page_at_the_front_door() {
        given().get(door + "/openapi.json").then().statusCode(200).contentType("application/json")
                .body("openapi", equalTo("3.1.0"))
                .body("servers.size()", equalTo(1))
                .body("paths.keySet()", hasItems("/api/v1/products", "/api/v1/products/{productId}/backlog/items",
                        "/api/v1/products/{productId}/feedback", "/api/v1/products/{productId}/metrics/stream",
                        "/api/v1/products/{productId}/webhooks", "/api/v1/admin/backlog/projections"))
                .body("paths.keySet()", not(hasItem("/api/v1/admin/projections")));
        assertThat(given().get(door + "/openapi.yaml").then().statusCode(200).extract().asString()).contains("openapi: \"3.1.0\"");

        given().redirects().follow(false).get(door + "/docs").then().statusCode(301).header("Location", "/docs/");
        assertThat(given().get(door + "/docs/").then().statusCode(200).contentType("text/html").extract().asString())
                .contains("swagger-ui-bundle.js", "/openapi.json");
        given().get(door + "/docs/swagger-ui-bundle.js").then().statusCode(200).contentType("text/javascript");

        // the events' AsyncAPI index, beside the topics' documents it links
        given().redirects().follow(false).get(door + "/asyncapi.yaml").then().statusCode(301)
                .header("Location", "/asyncapi/index.yaml");
        assertThat(given().get(door + "/asyncapi/index.yaml").then().statusCode(200).extract().asString())
                .contains("$ref: 'roadmap-service.yaml#/channels/roadmapEvents'");
        assertThat(given().get(door + "/asyncapi/roadmap-service.yaml").then().statusCode(200).extract().asString())
                .contains("address: northstar.roadmap.events");
    }

    @Test
    void a_path_no_service_serves_is_a_404_problem_from_the_front_door() {
        given().get(door + "/api/v1/nowhere").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", equalTo("no service of Northstar serves /api/v1/nowhere"));
    }

    @Test
    void a_body_over_the_services_limit_gets_the_services_own_413_problem() {
        // roadmap-service takes bodies up to 256 KB
        String oversized = "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}";
        Response direct = as("pm@example.com").body(oversized).post(stack.service("roadmap-service").url() + "/api/v1/products");
        Response proxied = as("pm@example.com").body(oversized).post(door + "/api/v1/products");

        proxied.then().statusCode(413).contentType("application/problem+json");
        assertThat(proxied.asString()).isEqualTo(direct.asString());
    }

    @Test
    void a_bad_token_is_the_services_own_401_and_operators_reach_each_services_admin_paths() {
        given().header("Authorization", "Bearer not-a-token").get(door + "/api/v1/products")
                .then().statusCode(401).contentType("application/problem+json");

        for (String area : List.of("roadmap", "backlog", "feedback", "analytics", "integrations")) {
            as("ops@example.com").get(door + "/api/v1/admin/" + area + "/projections").then().statusCode(200);
        }
        as("ops@example.com").get(door + "/api/v1/admin/analytics/consumers")
                .then().statusCode(200).body("name", hasItem("facts"));
        // the old, deprecated path still answers on the service's own port
        as("ops@example.com").get(stack.service("analytics-service").url() + "/api/v1/admin/consumers")
                .then().statusCode(200).body("name", hasItem("facts"));
    }
}
