package dev.northstar.systemtests;

import dev.northstar.devstack.Devstack;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The first loop the product exists for, end to end and black-box: PostgreSQL, Kafka, roadmap-service
 * and backlog-service run as processes (the packaged jars, as in the local run); the test speaks HTTP only.
 * A product manager moves an initiative from LATER to NOW; the product owner's backlog reorders within
 * {@link #REORDER_BOUND}, and /priority names the move as the cause.
 */
class RoadmapReprioritizesBacklogTest {
    static final Duration REORDER_BOUND = Duration.ofSeconds(5);

    static Devstack stack;
    static String roadmap;
    static String backlog;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("northstar-system-test");
        stack = Devstack.start(new Devstack.Settings(root, data, 57432, null, "postgres", "postgres", 59492, 59493,
                Map.of("roadmap-service", 18381, "backlog-service", 18382, "feedback-service", 18383, "analytics-service", 18384)));
        roadmap = stack.service("roadmap-service").url();
        backlog = stack.service("backlog-service").url();
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    static RequestSpecification json(String actor) {
        return given().contentType(ContentType.JSON).header("X-Actor", actor);
    }

    @Test
    void moving_an_initiative_to_now_reorders_the_backlog_and_priority_says_why() {
        String product = json("pm@example.com").body(Map.of("name", "System test product", "northStarMetric", "weekly checkouts"))
                .post(roadmap + "/api/v1/products").then().statusCode(201).extract().path("id");
        String base = roadmap + "/api/v1/products/" + product;
        String theme = json("pm@example.com").body(Map.of("name", "Conversion", "weight", 1))
                .post(base + "/themes").then().statusCode(201).extract().path("id");
        String initiative = json("pm@example.com").body(Map.of("title", "Saved cards", "themeId", theme, "horizon", "LATER"))
                .post(base + "/initiatives").then().statusCode(201).extract().path("id");

        String items = backlog + "/api/v1/products/" + product + "/backlog/items";
        String known = backlog + "/api/v1/products/" + product + "/backlog/initiatives/" + initiative;
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(known).statusCode() == 200);

        String linkedA = item(items, "Save a card", 5, initiative);     // (5+3+2) / 2 = 5.00
        String linkedB = item(items, "Pay with a saved card", 3, initiative);   // 4.00
        String unlinked = item(items, "Fix a rounding bug", 8, null);   // 6.50
        assertThat(order(items)).containsExactly(unlinked, linkedA, linkedB);

        long moved = System.nanoTime();
        json("pm@example.com").body(Map.of("horizon", "NOW")).post(base + "/initiatives/" + initiative + "/move")
                .then().statusCode(200).body("horizon", equalTo("NOW"));
        // +8 for NOW: (5+3+2+8) / 2 = 9.00 and 7.00, both ahead of the unlinked 6.50
        await().atMost(REORDER_BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> order(items).equals(List.of(linkedA, linkedB, unlinked)));
        Duration took = Duration.ofNanos(System.nanoTime() - moved);
        System.out.printf("backlog reordered %d ms after the roadmap move (bound %d ms)%n", took.toMillis(), REORDER_BOUND.toMillis());

        String moveEventId = given().get(base + "/initiatives/" + initiative + "/history").then().statusCode(200)
                .extract().path("find { it.type == 'InitiativeMoved' }.eventId");
        given().get(items + "/" + linkedA + "/priority").then().statusCode(200)
                .body("rank", equalTo(1))
                .body("roadmap.horizon", equalTo("NOW"))
                .body("components.horizonBonus", equalTo(8))
                .body("causes.find { it.eventType == 'ItemReprioritized' }.causedBy.eventType",
                        equalTo("northstar.roadmap.InitiativeMoved.v1"))
                .body("causes.find { it.eventType == 'ItemReprioritized' }.causedBy.eventId", equalTo(moveEventId))
                .body("causes.find { it.eventType == 'ItemReprioritized' }.actor", equalTo("pm@example.com"))
                .body("causes.find { it.eventType == 'ItemReprioritized' }.oldRank", equalTo(2))
                .body("causes.find { it.eventType == 'ItemReprioritized' }.newRank", equalTo(1));
    }

    static String item(String items, String title, int businessValue, String initiative) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("type", "STORY", "title", title, "jobSize", 2,
                "businessValue", businessValue, "timeCriticality", 3, "riskReduction", 2));
        if (initiative != null) {
            body.put("initiativeId", initiative);
        }
        return json("po@example.com").body(body).post(items).then().statusCode(201).extract().path("id");
    }

    static List<String> order(String items) {
        return given().get(items).then().statusCode(200).extract().path("items.id");
    }
}
