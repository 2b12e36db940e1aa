package dev.northstar.roadmap.api;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.ShareLinkEvents;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class RoadmapApiTest {
    String product;
    String base;
    String theme;

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    @BeforeEach
    void productWithTheme() {
        TestTokens.useForEveryRequest(TestTokens.everything("pm@example.com"));
        product = json().body(Map.of("name", "Checkout", "vision", "Paying is effortless",
                        "strategy", "Remove every step we can", "northStarMetric", "weekly completed checkouts"))
                .post("/api/v1/products").then().statusCode(201).extract().path("id");
        base = "/api/v1/products/" + product;
        theme = json().body(Map.of("name", "Conversion", "weight", 2)).post(base + "/themes")
                .then().statusCode(201).extract().path("id");
    }

    String initiative(String title, String horizon) {
        return json().body(Map.of("title", title, "themeId", theme, "horizon", horizon)).post(base + "/initiatives")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void a_product_is_created_read_updated_and_listed() {
        given().get(base).then().statusCode(200).header("ETag", "\"1\"")
                .body("northStarMetric", equalTo("weekly completed checkouts"));
        json().header("If-Match", "\"1\"").body(Map.of("vision", "Paying takes one click")).patch(base)
                .then().statusCode(200).body("vision", equalTo("Paying takes one click")).body("name", equalTo("Checkout"));
        json().header("If-Match", "\"1\"").body(Map.of("vision", "stale")).patch(base).then().statusCode(412);
        given().queryParam("limit", 200).get("/api/v1/products").then().statusCode(200).body("items.id", hasItem(product));
    }

    @Test
    void the_roadmap_lists_initiatives_by_horizon_in_rank_order_and_a_move_changes_it() {
        String first = initiative("Saved cards", "NEXT");
        String second = initiative("Apple Pay", "NEXT");
        String later = initiative("Crypto", "LATER");

        given().get(base + "/roadmap").then().statusCode(200)
                .body("product.name", equalTo("Checkout"))
                .body("horizons.horizon", contains("NOW", "NEXT", "LATER"))
                .body("horizons[1].initiatives.id", contains(first, second))
                .body("horizons[1].initiatives.rank", contains(1, 2))
                .body("horizons[1].initiatives[0].themeName", equalTo("Conversion"))
                .body("horizons[2].initiatives.id", contains(later));

        json().body(Map.of("horizon", "NEXT", "rank", 1)).post(base + "/initiatives/" + second + "/move")
                .then().statusCode(200).body("rank", equalTo(1));
        json().body(Map.of("horizon", "NOW", "targetQuarter", "2027-Q1")).post(base + "/initiatives/" + later + "/move")
                .then().statusCode(200).body("horizon", equalTo("NOW")).body("targetQuarter", equalTo("2027-Q1"));

        given().get(base + "/roadmap").then()
                .body("horizons[0].initiatives.id", contains(later))
                .body("horizons[1].initiatives.id", contains(second, first))
                .body("horizons[2].initiatives", hasSize(0));
    }

    @Test
    void status_changes_follow_the_lifecycle_and_dropping_needs_a_reason() {
        String id = initiative("Gift cards", "NOW");
        json().body(Map.of("status", "DONE")).post(base + "/initiatives/" + id + "/status").then().statusCode(409)
                .contentType("application/problem+json").body("allowed", contains("PLANNED", "IN_PROGRESS"));
        json().body(Map.of("status", "PLANNED")).post(base + "/initiatives/" + id + "/status").then().statusCode(200)
                .body("status", equalTo("PLANNED"));
        json().body(Map.of()).post(base + "/initiatives/" + id + "/drop").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        json().body(Map.of("reason", "Partner pulled out")).post(base + "/initiatives/" + id + "/drop").then().statusCode(200)
                .body("status", equalTo("DROPPED")).body("rank", nullValue());
        given().get(base + "/roadmap").then().body("dropped[0].dropReason", equalTo("Partner pulled out"));
        json().body(Map.of("horizon", "NOW")).post(base + "/initiatives/" + id + "/move").then().statusCode(409);
    }

    @Test
    void themes_are_reweighted_and_retired() {
        String path = base + "/themes/" + theme;
        json().body(Map.of("weight", 3.5)).put(path + "/weight").then().statusCode(200).body("weight", equalTo(3.5f));
        json().body(Map.of("weight", 11)).put(path + "/weight").then().statusCode(400).body("errors.field", hasItem("weight"));
        json().post(path + "/retire").then().statusCode(200).body("retired", equalTo(true));
        json().body(Map.of("title", "Late idea", "themeId", theme, "horizon", "LATER")).post(base + "/initiatives")
                .then().statusCode(409);
    }

    @Test
    void releases_hold_initiatives_of_their_product() {
        String id = initiative("Saved cards", "NOW");
        String release = json().body(Map.of("name", "Spring", "targetDate", "2027-03-31", "initiativeIds", List.of(id)))
                .post(base + "/releases").then().statusCode(201).body("initiativeIds", contains(id)).extract().path("id");
        json().body(Map.of("targetDate", "2027-04-15")).patch(base + "/releases/" + release).then().statusCode(200)
                .body("targetDate", equalTo("2027-04-15"));
        json().delete(base + "/releases/" + release + "/initiatives/" + id).then().statusCode(200).body("initiativeIds", hasSize(0));
        String otherProduct = json().body(Map.of("name", "Other")).post("/api/v1/products").then().extract().path("id");
        json().put("/api/v1/products/" + otherProduct + "/releases/" + release + "/initiatives/" + id).then().statusCode(404);
        given().get(base + "/roadmap").then().body("releases[0].name", equalTo("Spring"));
    }

    @Test
    void a_product_moves_through_its_life_cycle_and_a_retired_one_is_read_only_and_leaves_the_default_list() {
        given().get(base).then().body("stage", equalTo("IDEATION"));
        json().body(Map.of("stage", "GROWTH")).put(base + "/stage").then().statusCode(400).body("errors.field", hasItem("reason"));
        json().body(Map.of("stage", "GROWTH", "reason", "Paying customers in three markets")).put(base + "/stage").then()
                .statusCode(200).body("stage", equalTo("GROWTH")).body("stageReason", equalTo("Paying customers in three markets"));
        String initiative = initiative("Saved cards", "NOW");
        json().body(Map.of("stage", "RETIRED", "reason", "Merged into the new wallet product")).put(base + "/stage").then()
                .statusCode(200).body("stage", equalTo("RETIRED"));

        json().body(Map.of("name", "Late theme")).post(base + "/themes").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("product-retired"))
                .body("stage", equalTo("RETIRED"));
        json().body(Map.of("horizon", "LATER")).post(base + "/initiatives/" + initiative + "/move").then().statusCode(409);
        json().body(Map.of("vision", "x")).patch(base).then().statusCode(409);
        json().body(Map.of("stage", "GROWTH", "reason", "Back")).put(base + "/stage").then().statusCode(409);
        given().get(base + "/roadmap").then().statusCode(200).body("product.stage", equalTo("RETIRED"));
        given().get(base + "/stage/history").then().statusCode(200).body("data.to", contains("GROWTH", "RETIRED"));

        given().queryParam("limit", 200).get("/api/v1/products").then().statusCode(200).body("items.id", not(hasItem(product)));
        given().queryParam("limit", 200).queryParam("stage", "RETIRED").get("/api/v1/products").then()
                .body("items.id", hasItem(product)).body("items.stage", everyItem(equalTo("RETIRED")));
        given().queryParam("stage", "SUNSET").get("/api/v1/products").then().statusCode(400);
    }

    @Test
    void a_business_case_gives_roi_and_payback_keeps_its_history_and_orders_the_roadmap() {
        String cards = initiative("Saved cards", "NEXT");
        String wallets = initiative("Wallets", "NEXT");
        String gifts = initiative("Gift cards", "NEXT");
        json().body(Map.of("cost", 120000, "expectedValue", 480000, "confidence", 60, "timeToValueMonths", 3))
                .put(base + "/initiatives/" + cards + "/business-case").then().statusCode(200)
                .body("roi", equalTo(1.4f)).body("payback", equalTo(8.0f))
                .body("businessCase.riskAdjustedValue", equalTo(288000))
                .body("businessCase.costUnit", equalTo("MONEY")).body("businessCase.valueKind", equalTo("REVENUE"));
        json().body(Map.of("cost", 120000, "expectedValue", 480000, "confidence", 90, "timeToValueMonths", 3))
                .put(base + "/initiatives/" + cards + "/business-case").then().statusCode(200).body("roi", equalTo(2.6f));
        json().body(Map.of("cost", 50000, "expectedValue", 300000, "confidence", 80))
                .put(base + "/initiatives/" + wallets + "/business-case").then().statusCode(200).body("roi", equalTo(3.8f));

        given().get(base + "/initiatives/" + cards + "/business-case/history").then().statusCode(200)
                .body("data.roi", contains(1.4f, 2.6f)).body("data.businessCase.confidence", contains(60, 90))
                .body("actor", contains("pm@example.com", "pm@example.com"));
        given().queryParam("orderBy", "roi").get(base + "/roadmap").then().statusCode(200)
                .body("horizons[1].initiatives.id", contains(wallets, cards, gifts))
                .body("horizons[1].initiatives.rank", contains(2, 1, 3));
        given().get(base + "/roadmap").then().body("horizons[1].initiatives.id", contains(cards, wallets, gifts));
        given().queryParam("orderBy", "fun").get(base + "/roadmap").then().statusCode(400);

        json().body(Map.of("cost", 10, "expectedValue", 5, "valueKind", "KEY_RESULT", "keyResultId", UUID.randomUUID(),
                "confidence", 50)).put(base + "/initiatives/" + gifts + "/business-case").then().statusCode(422)
                .body("errors[0].field", equalTo("keyResultId"));
        json().body(Map.of("cost", 0, "expectedValue", 5, "confidence", 50))
                .put(base + "/initiatives/" + gifts + "/business-case").then().statusCode(400).body("errors.field", hasItem("cost"));
        json().body(Map.of("cost", 10, "expectedValue", 5, "confidence", 50, "valueKind", "KEY_RESULT"))
                .put(base + "/initiatives/" + gifts + "/business-case").then().statusCode(400).body("errors.field", hasItem("keyResultId"));
        given().get(base + "/initiatives/" + gifts).then().body("businessCase", nullValue()).body("roi", nullValue());
    }

    @Test
    void the_latest_health_report_shows_on_the_initiative_and_the_roadmap_and_every_report_is_kept() {
        String cards = initiative("Saved cards", "NOW");
        json().body(Map.of("status", "AT_RISK", "text", "The card vault vendor slipped a week"))
                .post(base + "/initiatives/" + cards + "/health").then().statusCode(200)
                .body("health.status", equalTo("AT_RISK")).body("health.text", equalTo("The card vault vendor slipped a week"))
                .body("health.reportedBy", equalTo("pm@example.com")).body("health.reportedAt", notNullValue());
        json().body(Map.of("status", "ON_TRACK", "text", "Vendor delivered")).post(base + "/initiatives/" + cards + "/health")
                .then().statusCode(200).body("health.status", equalTo("ON_TRACK"));
        given().get(base + "/roadmap").then().body("horizons[0].initiatives[0].health.status", equalTo("ON_TRACK"))
                .body("horizons[0].initiatives[0].health.text", equalTo("Vendor delivered"));
        given().get(base + "/initiatives/" + cards + "/health").then().statusCode(200)
                .body("data.status", contains("AT_RISK", "ON_TRACK"));

        json().body(Map.of("status", "GREEN", "text", "x")).post(base + "/initiatives/" + cards + "/health").then().statusCode(400);
        json().body(Map.of("status", "ON_TRACK", "text", " ")).post(base + "/initiatives/" + cards + "/health").then().statusCode(400);
        json().body(Map.of("reason", "No longer needed")).post(base + "/initiatives/" + cards + "/drop").then().statusCode(200);
        json().body(Map.of("status", "ON_TRACK", "text", "fine")).post(base + "/initiatives/" + cards + "/health").then().statusCode(409);
    }

    /** A share link made in integrations-service (its event published here as that service would) opens the roadmap. */
    @Test
    void a_roadmap_share_link_opens_the_roadmap_without_a_token_until_it_is_revoked() {
        initiative("Saved cards", "NOW");
        String token = "nss_" + UUID.randomUUID();
        UUID link = ShareLinkEvents.created(UUID.fromString(product), token, "ROADMAP", null);
        TestTokens.useForEveryRequest(null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/shared/" + token + "/roadmap").then()
                .statusCode(200).body("product", equalTo("Checkout")).body("horizons[0].initiatives[0].title", equalTo("Saved cards")));
        // the link opens reads of that roadmap only
        given().get("/api/v1/shared/nss_guess/roadmap").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/products/" + product + "/roadmap").then().statusCode(401);

        // a dashboard link and an expired one open no roadmap
        String dashboard = "nss_" + UUID.randomUUID();
        String expired = "nss_" + UUID.randomUUID();
        ShareLinkEvents.created(UUID.fromString(product), dashboard, "DASHBOARD", null);
        ShareLinkEvents.created(UUID.fromString(product), expired, "ROADMAP", null, Instant.now().minusSeconds(1));
        ShareLinkEvents.revoked(UUID.fromString(product), link);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/shared/" + token + "/roadmap").then().statusCode(404));
        given().get("/api/v1/shared/" + dashboard + "/roadmap").then().statusCode(404);
        given().get("/api/v1/shared/" + expired + "/roadmap").then().statusCode(404);
    }

    /** Fields a public share link never shows, by what they would give away. */
    static final List<String> INTERNAL_FIELDS = List.of("cost", "expectedValue", "riskAdjustedValue", "roi", "payback",
            "businessCase", "valuePerCost", "health", "reportedBy", "@example.com", "dropReason", "dropped", "strategy",
            "northStarMetric", "successMetric", "weight", "competitor", "lostDeal");

    /**
     * A public link shows the plan and what shipped, and nothing of money, staff, strategy, health or dropped work; only a
     * link made for an INTERNAL audience shows what a viewer sees.
     */
    @Test
    void a_public_roadmap_link_shows_no_internal_field_and_an_internal_one_shows_the_viewers_roadmap() {
        String cards = initiative("Saved cards", "NOW");
        String wallets = initiative("Wallets", "NEXT");
        json().body(Map.of("cost", 120000, "expectedValue", 480000, "confidence", 60, "timeToValueMonths", 3))
                .put(base + "/initiatives/" + cards + "/business-case").then().statusCode(200);
        json().body(Map.of("status", "AT_RISK", "text", "The vault vendor slipped")).post(base + "/initiatives/" + cards + "/health")
                .then().statusCode(200);
        json().body(Map.of("reason", "Partner pulled out")).post(base + "/initiatives/" + wallets + "/drop").then().statusCode(200);
        json().body(Map.of("name", "Spring", "targetDate", "2027-03-31", "initiativeIds", List.of(cards))).post(base + "/releases")
                .then().statusCode(201);
        String open = "nss_" + UUID.randomUUID();
        String inside = "nss_" + UUID.randomUUID();
        ShareLinkEvents.created(UUID.fromString(product), open, "ROADMAP", null);
        ShareLinkEvents.created(UUID.fromString(product), inside, "ROADMAP", "INTERNAL");
        TestTokens.useForEveryRequest(null);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/shared/" + open + "/roadmap").then()
                .statusCode(200).body("product", equalTo("Checkout"))
                .body("horizons.find { it.horizon == 'NOW' }.initiatives[0].title", equalTo("Saved cards"))
                .body("releases[0].name", equalTo("Spring")));
        String shown = given().get("/api/v1/shared/" + open + "/roadmap").then().extract().asString();
        assertThat(INTERNAL_FIELDS).allSatisfy(field -> assertThat(shown).as("the public roadmap").doesNotContain(field));
        assertThat(shown).doesNotContain("Partner pulled out", "The vault vendor slipped", "Wallets", "Remove every step",
                "weekly completed checkouts");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/shared/" + inside + "/roadmap").then()
                .statusCode(200).body("product.name", equalTo("Checkout"))
                .body("horizons.find { it.horizon == 'NOW' }.initiatives[0].businessCase.cost", equalTo(120000))
                .body("dropped[0].dropReason", equalTo("Partner pulled out")));
    }


    @Test
    void a_release_ships_once_with_its_initiatives_and_is_closed_after() {
        String id = initiative("Saved cards", "NOW");
        String release = json().body(Map.of("name", "Spring", "targetDate", "2027-03-31")).post(base + "/releases").then()
                .statusCode(201).extract().path("id");
        json().body(Map.of()).post(base + "/releases/" + release + "/ship").then().statusCode(400)
                .body("errors.field", hasItem("initiativeIds"));
        json().put(base + "/releases/" + release + "/initiatives/" + id).then().statusCode(200);
        json().body(Map.of("shippedAt", "2999-01-01T00:00:00Z")).post(base + "/releases/" + release + "/ship").then()
                .statusCode(400).body("errors.field", hasItem("shippedAt"));
        json().body(Map.of("shippedAt", "2026-11-20T16:00:00Z")).post(base + "/releases/" + release + "/ship").then()
                .statusCode(200).body("shippedAt", equalTo("2026-11-20T16:00:00Z"));

        json().body(Map.of()).post(base + "/releases/" + release + "/ship").then().statusCode(409);
        json().body(Map.of("targetDate", "2027-04-15")).patch(base + "/releases/" + release).then().statusCode(409);
        json().delete(base + "/releases/" + release + "/initiatives/" + id).then().statusCode(409);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                TopicReader.readAll(Topics.ROADMAP_EVENTS, Duration.ofMillis(300)).stream()
                        .filter(r -> release.equals(r.key())).map(r -> TopicReader.header(r, Headers.TYPE)).toList())
                .containsExactly("northstar.roadmap.ReleasePlanned.v1", "northstar.roadmap.InitiativeScheduled.v1",
                        "northstar.roadmap.ReleaseShipped.v1"));
    }

    @Test
    void bad_input_and_unknown_references_get_problems_and_write_nothing() {
        json().body(Map.of("title", "x", "themeId", theme, "horizon", "SOMEDAY")).post(base + "/initiatives").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("horizon"));
        json().body(Map.of("title", "x", "themeId", UUID.randomUUID().toString(), "horizon", "NOW"))
                .post(base + "/initiatives").then().statusCode(422).body("errors[0].field", equalTo("themeId"));
        json().body(Map.of("title", "x", "themeId", theme, "horizon", "NOW", "targetQuarter", "Q1")).post(base + "/initiatives")
                .then().statusCode(400).body("errors.field", hasItem("targetQuarter"));
        json().body(Map.of("name", "x")).post("/api/v1/products/" + UUID.randomUUID() + "/themes").then().statusCode(404);
        json().body("{\"name\":").post("/api/v1/products").then().statusCode(400).contentType("application/problem+json");
        given().get(base + "/roadmap").then().body("horizons.initiatives.flatten()", hasSize(0));
    }

    @Test
    void the_roadmap_reads_as_of_a_past_instant_and_each_initiative_has_its_history() throws Exception {
        String id = initiative("Saved cards", "LATER");
        Thread.sleep(20);
        Instant before = Instant.now();
        Thread.sleep(20);
        json().body(Map.of("horizon", "NOW")).post(base + "/initiatives/" + id + "/move").then().statusCode(200);

        given().queryParam("asOf", before.toString()).get(base + "/roadmap").then().statusCode(200)
                .body("horizons[2].initiatives.id", contains(id)).body("horizons[0].initiatives", hasSize(0));
        given().get(base + "/initiatives/" + id + "/history").then().statusCode(200)
                .body("type", contains("InitiativeAdded", "InitiativeMoved"))
                .body("[1].data.fromHorizon", equalTo("LATER"))
                .body("[1].actor", equalTo("pm@example.com"));
        given().queryParam("asOf", "2000-01-01T00:00:00Z").get(base + "/roadmap").then().statusCode(404);
    }

    @Test
    void roadmap_changes_are_published_with_the_product_and_the_theme() {
        String id = initiative("Published", "LATER");
        json().body(Map.of("horizon", "NOW")).post(base + "/initiatives/" + id + "/move").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.ROADMAP_EVENTS, Duration.ofMillis(300))
                    .stream().filter(r -> id.equals(r.key())).toList();
            assertThat(records).extracting(r -> TopicReader.header(r, Headers.TYPE))
                    .containsExactly("northstar.roadmap.InitiativeAdded.v1", "northstar.roadmap.InitiativeMoved.v1");
            assertThat(TopicReader.header(records.get(1), Headers.PRODUCT_ID)).isEqualTo(product);
            assertThat(records.get(1).value()).contains("\"toHorizon\":\"NOW\"").contains("\"themeId\":\"" + theme + "\"");
        });
    }

    @Test
    void a_rebuild_of_the_read_models_gives_the_same_roadmap() {
        initiative("A", "NOW");
        initiative("B", "NEXT");
        String before = given().get(base + "/roadmap").then().extract().asString();
        for (String projection : List.of("product-states", "theme-states", "initiative-states", "release-states", "objective-states")) {
            given().post("/api/v1/admin/projections/" + projection + "/rebuild").then().statusCode(200);
        }
        assertThat(given().get(base + "/roadmap").then().extract().asString()).isEqualTo(before);
        given().post("/api/v1/admin/projections/nope/rebuild").then().statusCode(404).body("detail", containsString("nope"));
    }
}
