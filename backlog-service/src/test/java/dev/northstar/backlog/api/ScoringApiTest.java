package dev.northstar.backlog.api;

import dev.northstar.backlog.support.RoadmapFixture;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** A product chooses its scoring model; the backlog is rescored as events; a what-if answers without changing anything. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class ScoringApiTest {
    UUID product;
    String backlog;
    String items;

    @BeforeEach
    void newProduct() {
        TestTokens.useForEveryRequest(TestTokens.everything("po@example.com"));
        product = RoadmapFixture.product();
        backlog = "/api/v1/products/" + product + "/backlog";
        items = backlog + "/items";
    }

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    String item(String title, int jobSize, int value) {
        return json().body(Map.of("type", "STORY", "title", title, "jobSize", jobSize, "businessValue", value,
                "timeCriticality", 3, "riskReduction", 2)).post(items).then().statusCode(201).extract().path("id");
    }

    List<String> order() {
        return given().get(items).then().statusCode(200).extract().path("items.id");
    }

    /** RICE inputs, accepted whatever model the product scores by now. */
    void rice(String item, int reach, double impact, int confidence, int effort) {
        json().queryParam("model", "RICE").body(Map.of("reach", reach, "impact", impact, "confidence", confidence, "effort", effort))
                .put(items + "/" + item + "/scoring-inputs").then().statusCode(200);
    }

    @Test
    void choosing_rice_rescores_the_backlog_as_events_and_a_what_if_answers_without_changing_anything() {
        given().get(backlog + "/scoring").then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("model", equalTo("WSJF")).body("formula", startsWith("score = (businessValue"));
        String big = item("Big value", 1, 20);       // WSJF 25.00
        String small = item("Small value", 5, 2);    // WSJF 1.40
        String unknown = item("Not assessed", 8, 1); // WSJF 0.75
        String pinned = item("Pinned first", 20, 1); // WSJF 0.30, pinned at the top
        json().body(Map.of("position", 1, "reason", "The auditors asked for it")).put(items + "/" + pinned + "/pin")
                .then().statusCode(200).body("rank", equalTo(1));
        rice(pinned, 1, 1, 10, 10);    // RICE 0.01
        // inputs for RICE, prepared while the product scores by WSJF
        rice(big, 100, 1, 50, 2);      // RICE 25.00
        rice(small, 5000, 3, 100, 1);  // RICE 15000.00
        assertThat(order()).containsExactly(pinned, big, small, unknown);
        int events = given().get(items + "/" + small + "/history").then().extract().path("size()");

        json().body(Map.of("model", Map.of("model", "RICE"))).post(backlog + "/what-if").then().statusCode(200)
                .body("model", equalTo("RICE"))
                .body("items", equalTo(4))
                .body("moved", equalTo(2))
                .body("unscored", equalTo(1))
                .body("ranking.itemId", contains(pinned, small, big, unknown))
                .body("ranking.pinned", contains(true, false, false, false))
                .body("ranking.oldRank", contains(1, 3, 2, 4))
                .body("ranking.newRank", contains(1, 2, 3, 4))
                .body("ranking.oldScore", contains(0.3f, 1.4f, 25.0f, 0.75f))
                .body("ranking.newScore", contains(0.01f, 15000.0f, 25.0f, null))
                .body("ranking[3].missing", contains("reach", "impact", "confidence", "effort"));
        assertThat(order()).containsExactly(pinned, big, small, unknown);
        given().get(backlog + "/scoring").then().body("model", equalTo("WSJF"));
        given().get(items + "/" + small + "/history").then().body("size()", equalTo(events));

        Instant beforeTheSwitch = Instant.now();
        await().until(() -> Instant.now().isAfter(beforeTheSwitch));
        json().header("If-Match", "\"0\"").body(Map.of("model", "RICE")).put(backlog + "/scoring").then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("model", equalTo("RICE"))
                .body("inputs.name", contains("reach", "impact", "confidence", "effort"))
                .body("formula", startsWith("score = reach x impact x confidence% / effort"));
        // the pin holds its place (still first) with a new key among RICE scores
        assertThat(order()).containsExactly(pinned, small, big, unknown);
        given().get(items + "/" + pinned + "/history").then().body("findAll { it.type == 'ItemPinned' }.size()", equalTo(2))
                .body("[-1].type", equalTo("ItemPinned"))
                .body("[-2].data.pinHeld", equalTo(true));
        given().get(items + "/" + small + "/priority").then()
                .body("model", equalTo("RICE"))
                .body("score", equalTo(15000.0f))
                .body("rank", equalTo(2))
                .body("modelScore.inputs.reach", equalTo(5000))
                .body("modelScore.base", equalTo(15000.0f))
                .body("modelScore.horizonFactor", equalTo(1))
                .body("missing", empty())
                .body("causes.find { it.eventType == 'ItemRescored' }.causedBy.eventType",
                        equalTo("northstar.backlog.ScoringModelChanged.v1"))
                .body("causes.find { it.eventType == 'ItemRescored' }.oldScore", equalTo(1.4f))
                .body("causes.find { it.eventType == 'ItemRescored' }.newScore", equalTo(15000.0f))
                .body("causes.find { it.eventType == 'ItemRescored' }.oldRank", equalTo(3))
                .body("causes.find { it.eventType == 'ItemRescored' }.newRank", equalTo(2));
        given().get(items + "/" + unknown + "/priority").then().body("score", nullValue())
                .body("missing", contains("reach", "impact", "confidence", "effort"));
        given().get(items + "/" + small).then().body("scoringInputs.reach", equalTo(5000)).body("score", equalTo(15000.0f));

        // the past, under another model: as of before the switch, ICE lacks its ease everywhere
        json().body(Map.of("model", Map.of("model", "ICE"), "asOf", beforeTheSwitch.toString())).post(backlog + "/what-if")
                .then().statusCode(200)
                .body("unscored", equalTo(4))
                .body("ranking.oldRank", contains(1, 2, 3, 4))
                .body("ranking.oldScore", contains(0.3f, 25.0f, 1.4f, 0.75f))
                .body("ranking[1].missing", contains("ease"));
    }

    @Test
    void a_weighted_model_uses_the_products_own_fields() {
        String enterprise = item("For enterprises", 1, 1);
        String smb = item("For small shops", 1, 20);
        json().body(Map.of("model", "WEIGHTED", "effortField", "effort", "fields", List.of(
                Map.of("name", "revenue", "type", "NUMBER", "min", 0, "max", 10, "weight", 2),
                Map.of("name", "segment", "type", "SELECT", "weight", 1, "options", Map.of("enterprise", 5, "smb", 2)),
                Map.of("name", "effort", "type", "NUMBER", "min", 1, "max", 20, "weight", 1))))
                .put(backlog + "/scoring").then().statusCode(200)
                .body("formula", startsWith("score = (2 x revenue + 1 x segment) / effort"));
        json().body(Map.of("revenue", 6, "segment", "enterprise", "effort", 4)).put(items + "/" + enterprise + "/scoring-inputs")
                .then().statusCode(200).body("score", equalTo(4.25f));
        json().body(Map.of("revenue", 2, "segment", "smb", "effort", 4)).put(items + "/" + smb + "/scoring-inputs")
                .then().statusCode(200).body("score", equalTo(1.5f));
        String created = json().body(Map.of("type", "STORY", "title", "Created with its inputs",
                        "scoringInputs", Map.of("revenue", 10, "segment", "smb", "effort", 2)))
                .post(items).then().statusCode(201).body("score", equalTo(11.0f)).extract().path("id");   // (2 x 10 + 2) / 2
        assertThat(order()).containsExactly(created, enterprise, smb);
        // the same model again, its numbers spelled otherwise, changes nothing
        json().body(Map.of("model", "WEIGHTED", "effortField", "effort", "fields", List.of(
                Map.of("name", "revenue", "type", "NUMBER", "min", 0.0, "max", 10, "weight", 2.00),
                Map.of("name", "segment", "type", "SELECT", "weight", 1, "options", Map.of("enterprise", 5.0, "smb", 2)),
                Map.of("name", "effort", "type", "NUMBER", "min", 1, "max", 20.0, "weight", 1))))
                .put(backlog + "/scoring").then().statusCode(200).header("ETag", equalTo("\"1\""));
        json().body(Map.of("type", "STORY", "title", "x", "scoringInputs", Map.of("revenue", 11)))
                .post(items).then().statusCode(400).body("detail", containsString("revenue must be from 0 to 10, was 11"));
    }

    @Test
    void bad_models_and_inputs_get_a_problem_and_change_nothing() {
        String one = item("One", 1, 1);
        json().body(Map.of("reach", 10)).put(items + "/" + one + "/scoring-inputs").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("scores by WSJF"));
        json().body(Map.of("type", "STORY", "title", "x", "scoringInputs", Map.of("reach", 10))).post(items).then().statusCode(400)
                .body("detail", containsString("scores by WSJF"));
        json().body(Map.of("model", "WEIGHTED")).put(backlog + "/scoring").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("fields"));
        json().body(Map.of("model", "NPV")).put(backlog + "/scoring").then().statusCode(400);
        json().header("If-Match", "\"7\"").body(Map.of("model", "ICE")).put(backlog + "/scoring").then().statusCode(412);
        given().get(backlog + "/scoring").then().body("model", equalTo("WSJF")).header("ETag", equalTo("\"0\""));

        json().body(Map.of("model", "ICE")).put(backlog + "/scoring").then().statusCode(200);
        json().body(Map.of("impact", 11)).put(items + "/" + one + "/scoring-inputs").then().statusCode(400)
                .body("detail", containsString("impact must be from 1 to 10, was 11"));
        json().body(Map.of("impact", List.of(1))).put(items + "/" + one + "/scoring-inputs").then().statusCode(400)
                .body("errors.field", hasItem("impact"));
        json().queryParam("model", "rice").body(Map.of("reach", 1)).put(items + "/" + one + "/scoring-inputs").then()
                .statusCode(400).contentType("application/problem+json");
        json().body("{\"impact\": 1e400}").put(items + "/" + one + "/scoring-inputs").then().statusCode(400)
                .contentType("application/problem+json");
        json().body(Map.of("model", Map.of("model", "WEIGHTED"))).post(backlog + "/what-if").then().statusCode(400);
        given().get(items + "/" + one + "/history").then().body("type", org.hamcrest.Matchers.not(hasItem("ScoringInputsSet")));
        json().body(Map.of("model", Map.of("model", "RICE"))).post("/api/v1/products/" + UUID.randomUUID() + "/backlog/what-if")
                .then().statusCode(404);

        // the largest RICE score there is fits the read model
        json().queryParam("model", "RICE").body(Map.of("reach", 1_000_000_000, "impact", 3, "confidence", 100, "effort", 0.1))
                .put(items + "/" + one + "/scoring-inputs").then().statusCode(200);
        json().body(Map.of("model", "RICE")).put(backlog + "/scoring").then().statusCode(200);
        given().get(items + "/" + one).then().body("score", equalTo(3.0E10f)).body("rank", equalTo(1));
    }
}
