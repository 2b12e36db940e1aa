package dev.northstar.roadmap.api;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Roles;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class ObjectiveApiTest {
    String product;
    String base;
    String theme;

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    @BeforeEach
    void product() {
        TestTokens.useForEveryRequest(TestTokens.everything("pm@example.com"));
        product = json().body(Map.of("name", "Checkout")).post("/api/v1/products").then().statusCode(201).extract().path("id");
        base = "/api/v1/products/" + product;
        theme = json().body(Map.of("name", "Conversion")).post(base + "/themes").then().statusCode(201).extract().path("id");
    }

    String objective(String title, List<Map<String, Object>> keyResults) {
        return json().body(Map.of("title", title, "period", "2027-Q1", "keyResults", keyResults)).post(base + "/objectives")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void an_objective_is_set_with_its_key_results_in_one_call_and_serves_themes_and_initiatives() {
        String initiative = json().body(Map.of("title", "Saved cards", "themeId", theme, "horizon", "NOW"))
                .post(base + "/initiatives").then().statusCode(201).extract().path("id");

        String id = json().body(Map.of("title", "Customers love paying with us", "period", "2027-Q1",
                        "keyResults", List.of(Map.of("metric", "nps.30d", "baseline", 12, "target", 30, "northStar", true),
                                Map.of("metric", "weekly.checkouts", "unit", "checkouts", "baseline", 4000, "target", 6000,
                                        "dueDate", "2027-02-28")),
                        "themeIds", List.of(theme), "initiativeIds", List.of(initiative)))
                .post(base + "/objectives").then().statusCode(201)
                .header("Location", containsString("/objectives/")).header("ETag", "\"1\"")
                .body("periodStart", equalTo("2027-01-01")).body("periodEnd", equalTo("2027-03-31"))
                .body("keyResults.metric", contains("nps.30d", "weekly.checkouts"))
                .body("keyResults.source", contains("ANALYTICS", "MEASURED"))
                .body("keyResults.unit", contains("NPS", "checkouts"))
                .body("keyResults.direction", contains("INCREASE", "INCREASE"))
                .body("keyResults.dueDate", contains("2027-03-31", "2027-02-28"))
                .body("keyResults.northStar", contains(true, false))
                .body("themeIds", contains(theme)).body("initiativeIds", contains(initiative))
                .extract().path("id");

        given().get(base + "/objectives").then().statusCode(200).body("id", contains(id));
        given().get(base + "/key-results").then().statusCode(200).body("[0].metric", equalTo("nps.30d"))
                .body("[0].objectiveId", equalTo(id));
        json().header("If-Match", "\"1\"").delete(base + "/objectives/" + id + "/initiatives/" + initiative).then()
                .statusCode(200).body("initiativeIds", hasSize(0)).header("ETag", "\"2\"");
        json().header("If-Match", "\"1\"").body(Map.of("title", "stale")).patch(base + "/objectives/" + id).then().statusCode(412);
    }

    @Test
    void a_product_has_one_north_star_until_it_is_unmarked() {
        String first = objective("Retain", List.of(Map.of("metric", "weekly.active", "baseline", 100, "target", 150, "northStar", true)));
        json().body(Map.of("title", "Grow", "period", "2027",
                        "keyResults", List.of(Map.of("metric", "nps.30d", "baseline", 0, "target", 20, "northStar", true))))
                .post(base + "/objectives").then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("north-star-taken")).body("detail", containsString("weekly.active of objective Retain"));

        String keyResult = given().get(base + "/objectives/" + first).then().extract().path("keyResults[0].id");
        json().body(Map.of("northStar", false)).patch(base + "/key-results/" + keyResult).then().statusCode(200)
                .body("keyResults[0].northStar", equalTo(false));
        String second = objective("Grow", List.of());
        json().body(Map.of("metric", "nps.30d", "baseline", 0, "target", 20, "northStar", true))
                .post(base + "/objectives/" + second + "/key-results").then().statusCode(201)
                .header("Location", containsString("/key-results/")).body("keyResults[0].northStar", equalTo(true));
    }

    @Test
    void tools_report_measurements_of_key_results_measured_from_outside() {
        String id = objective("Sell more", List.of(Map.of("metric", "weekly.checkouts", "baseline", 4000, "target", 6000),
                Map.of("metric", "nps.30d", "baseline", 12, "target", 30)));
        List<String> keyResults = given().get(base + "/objectives/" + id).then().extract().path("keyResults.id");

        TestTokens.actingAs(Roles.CONTRIBUTOR, product).contentType(ContentType.JSON).body(Map.of("value", 4630.50, "at", "2026-11-18T09:00:00Z"))
                .post(base + "/key-results/" + keyResults.get(0) + "/measurements").then().statusCode(201)
                .body("value", equalTo(4630.5f)).body("at", equalTo("2026-11-18T09:00:00Z")).body("objectiveId", equalTo(id));
        json().body(Map.of("value", 4400, "at", "2026-11-11T09:00:00Z"))
                .post(base + "/key-results/" + keyResults.get(0) + "/measurements").then().statusCode(201);
        given().get(base + "/key-results/" + keyResults.get(0)).then().statusCode(200)
                .body("lastMeasurement.value", equalTo(4630.5f));

        json().body(Map.of("value", 20)).post(base + "/key-results/" + keyResults.get(1) + "/measurements").then()
                .statusCode(409).body("type", containsString("measured-by-analytics"));
        json().body(Map.of("value", 1, "at", "2999-01-01T00:00:00Z"))
                .post(base + "/key-results/" + keyResults.get(0) + "/measurements").then().statusCode(400)
                .body("errors.field", hasItem("at"));
        json().body(Map.of()).post(base + "/key-results/" + keyResults.get(0) + "/measurements").then().statusCode(400)
                .body("errors.field", hasItem("value"));
        json().body(Map.of("value", 1)).post(base + "/key-results/" + UUID.randomUUID() + "/measurements").then()
                .statusCode(404);
        TestTokens.actingAs(Roles.VIEWER, product).contentType(ContentType.JSON).body(Map.of("value", 1))
                .post(base + "/key-results/" + keyResults.get(0) + "/measurements").then().statusCode(403);
        TestTokens.actingAs(Roles.CONTRIBUTOR, product).contentType(ContentType.JSON).body(Map.of("title", "Sell more", "period", "2027"))
                .post(base + "/objectives").then().statusCode(403);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.ROADMAP_EVENTS, Duration.ofMillis(300))
                    .stream().filter(r -> id.equals(r.key())).toList();
            assertThat(records).extracting(r -> TopicReader.header(r, Headers.TYPE)).containsExactly(
                    "northstar.roadmap.ObjectiveSet.v1", "northstar.roadmap.KeyResultMeasured.v1",
                    "northstar.roadmap.KeyResultMeasured.v1");
            assertThat(records.get(1).value()).contains("\"value\":4630.5").contains("\"at\":\"2026-11-18T09:00:00Z\"");
            assertThat(TopicReader.header(records.get(1), Headers.ACTOR)).isEqualTo("contributor@example.com");
        });
    }

    @Test
    void bad_objectives_get_problems_and_write_nothing() {
        json().body(Map.of("title", "x", "period", "spring")).post(base + "/objectives").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("period"));
        json().body(Map.of("title", "x", "period", "2027", "keyResults", List.of(Map.of("metric", "nps.30d", "baseline", 5))))
                .post(base + "/objectives").then().statusCode(400).body("errors.field", hasItem("keyResults[0].target"));
        json().body(Map.of("title", "x", "period", "2027", "keyResults", List.of(Map.of("metric", "nps 30d", "baseline", 5,
                "target", 10)))).post(base + "/objectives").then().statusCode(400).body("errors.field", hasItem("metric"));
        json().body(Map.of("title", "x", "period", "2027", "keyResults", List.of(Map.of("metric", "churn", "baseline", 5,
                "target", 2, "direction", "INCREASE")))).post(base + "/objectives").then().statusCode(400)
                .body("errors.field", hasItem("direction"));
        json().body(Map.of("title", "x", "period", "2027", "themeIds", List.of(UUID.randomUUID())))
                .post(base + "/objectives").then().statusCode(422).body("errors.field", hasItem("themeId"));
        given().get(base + "/objectives").then().statusCode(200).body("$", hasSize(0));
        given().get(base + "/objectives/" + UUID.randomUUID()).then().statusCode(404);
        given().get(base + "/key-results/" + UUID.randomUUID()).then().statusCode(404)
                .body("detail", containsString("key result"));
    }
}
