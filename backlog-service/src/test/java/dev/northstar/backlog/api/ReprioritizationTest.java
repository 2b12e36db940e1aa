package dev.northstar.backlog.api;

import dev.northstar.backlog.support.RoadmapFixture;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Roadmap changes, arriving over Kafka, reprioritize the linked items, once each, with their cause. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class ReprioritizationTest {
    UUID product;
    UUID theme;
    UUID initiative;
    String items;

    @BeforeEach
    void roadmap() {
        TestTokens.useForEveryRequest(TestTokens.everything("po@example.com"));
        product = RoadmapFixture.product();
        theme = RoadmapFixture.theme(product, "1");
        initiative = RoadmapFixture.initiative(product, theme, "LATER");
        items = "/api/v1/products/" + product + "/backlog/items";
    }

    String item(String title, int jobSize, int value, UUID linkedTo) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "STORY", "title", title, "jobSize", jobSize,
                "businessValue", value, "timeCriticality", 3, "riskReduction", 2));
        if (linkedTo != null) {
            body.put("initiativeId", linkedTo.toString());
        }
        return given().contentType(ContentType.JSON).body(body).post(items).then().statusCode(201).extract().path("id");
    }

    List<String> order() {
        return given().queryParam("limit", 200).get(items).then().statusCode(200).extract().path("items.id");
    }

    @Test
    void moving_the_initiative_to_now_moves_its_items_up_and_priority_names_the_move() {
        String linked = item("Linked", 2, 5, initiative);      // (5+3+2) / 2 = 5.00
        String other = item("Unlinked", 2, 8, null);           // (8+3+2) / 2 = 6.50
        assertThat(order()).containsExactly(other, linked);

        UUID move = RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\"}");

        // (5+3+2+8) / 2 = 9.00
        await().atMost(Duration.ofSeconds(20)).until(() -> order().equals(List.of(linked, other)));
        given().get(items + "/" + linked + "/priority").then().statusCode(200)
                .body("score", equalTo(9.0f))
                .body("rank", equalTo(1))
                .body("components.horizonBonus", equalTo(8))
                .body("roadmap.horizon", equalTo("NOW"))
                .body("roadmap.initiativeId", equalTo(initiative.toString()))
                .body("causes[-1].eventType", equalTo("ItemReprioritized"))
                .body("causes[-1].causedBy.eventId", equalTo(move.toString()))
                .body("causes[-1].causedBy.eventType", equalTo("northstar.roadmap.InitiativeMoved.v1"))
                .body("causes[-1].oldScore", equalTo(5.0f))
                .body("causes[-1].newScore", equalTo(9.0f))
                .body("causes[-1].oldRank", equalTo(2))
                .body("causes[-1].newRank", equalTo(1))
                .body("causes[-1].actor", equalTo("pm@example.com"));
        given().get(items + "/" + linked + "/history").then()
                .body("[-1].type", equalTo("ItemReprioritized"))
                .body("[-1].causationId", equalTo(move.toString()));
    }

    @Test
    void a_business_case_scales_its_items_only_once_the_product_lets_it_and_priority_names_the_cause() {
        String linked = item("Linked", 2, 5, initiative);      // (5+3+2) / 2 = 5.00
        String other = item("Unlinked", 2, 8, null);           // (8+3+2) / 2 = 6.50
        RoadmapFixture.publish(product, initiative, "BusinessCaseSet", """
                {"productId":"%s","businessCase":{"cost":120000,"costUnit":"MONEY","expectedValue":480000,"valueKind":"REVENUE",
                 "confidence":60,"timeToValueMonths":3},"riskAdjustedValue":288000,"roi":1.40,"paybackMonths":8.0}""".formatted(product));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM roadmap_initiatives WHERE initiative_id = ? AND business_case_roi IS NOT NULL", initiative) == 1);
        given().get(items + "/" + linked + "/priority").then().body("score", equalTo(5.0f))
                .body("components.businessCaseFactor", equalTo(1));

        String settings = "/api/v1/products/" + product + "/backlog/settings";
        given().contentType(ContentType.JSON).body(Map.of()).put(settings).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("businessCaseScaling", true)).put(settings).then().statusCode(200)
                .body("businessCaseScaling", equalTo(true)).body("allowSelfAcceptance", equalTo(false));

        // 1 + 1.40 / 4 = 1.35: (5+3+2) x 1.35 / 2 = 6.75, ahead of the unlinked 6.50
        assertThat(order()).containsExactly(linked, other);
        given().get(items + "/" + linked + "/priority").then().statusCode(200)
                .body("score", equalTo(6.75f))
                .body("components.businessCaseFactor", equalTo(1.35f))
                .body("roadmap.initiativeRoi", equalTo(1.4f))
                .body("causes[-1].components", contains("horizonBonus", "themeWeight", "initiativeStatusFactor", "businessCaseFactor"))
                .body("causes[-1].causedBy.eventType", equalTo("northstar.backlog.BusinessCaseScalingChanged.v1"))
                .body("causes[-1].oldScore", equalTo(5.0f)).body("causes[-1].newScore", equalTo(6.75f));

        UUID revised = RoadmapFixture.publish(product, initiative, "BusinessCaseSet", """
                {"productId":"%s","businessCase":{"cost":100000,"costUnit":"MONEY","expectedValue":50000,"valueKind":"REVENUE",
                 "confidence":100,"timeToValueMonths":0},"riskAdjustedValue":50000,"roi":-0.50,"paybackMonths":24.0}""".formatted(product));
        // 1 - 0.50 / 4 = 0.87 (0.125 rounded half-up): (5+3+2) x 0.87 / 2 = 4.35
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(items + "/" + linked + "/priority").then()
                .body("score", equalTo(4.35f))
                .body("causes[-1].causedBy.eventId", equalTo(revised.toString())));
        given().contentType(ContentType.JSON).body(Map.of("businessCaseScaling", false)).put(settings).then().statusCode(200);
        given().get(items + "/" + linked + "/priority").then().body("score", equalTo(5.0f)).body("roadmap.initiativeRoi", nullValue());
    }

    @Test
    void the_ranks_a_move_records_are_the_ranks_before_and_after_it_for_every_moved_item() {
        String top = item("Unlinked top", 1, 8, null);            // (8+3+2) / 1 = 13.00
        String middle = item("Unlinked middle", 1, 5, null);      // 10.00
        String high = item("Linked high", 1, 3, initiative);      // 8.00, in NOW (3+3+2+8) / 1 = 16.00
        String low = item("Linked low", 5, 20, initiative);       // 5.00, in NOW (20+3+2+8) / 5 = 6.60
        assertThat(order()).containsExactly(top, middle, high, low);

        RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\"}");

        // both moved items are ranked against the others' new places: low passes high's old place, high's new one passes top
        await().atMost(Duration.ofSeconds(20)).until(() -> order().equals(List.of(high, top, middle, low)));
        given().get(items + "/" + high + "/priority").then()
                .body("causes[-1].eventType", equalTo("ItemReprioritized"))
                .body("causes[-1].oldRank", equalTo(3)).body("causes[-1].newRank", equalTo(1));
        given().get(items + "/" + low + "/priority").then()
                .body("causes[-1].eventType", equalTo("ItemReprioritized"))
                .body("causes[-1].oldRank", equalTo(4)).body("causes[-1].newRank", equalTo(4));

        // and back: high falls past top and middle, low stays last
        RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"NOW\",\"toHorizon\":\"LATER\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> order().equals(List.of(top, middle, high, low)));
        given().get(items + "/" + high + "/priority").then()
                .body("causes[-1].oldRank", equalTo(1)).body("causes[-1].newRank", equalTo(3));
        given().get(items + "/" + low + "/priority").then()
                .body("causes[-1].oldRank", equalTo(4)).body("causes[-1].newRank", equalTo(4));
        String sameScore = item("Unlinked, as high as high in LATER", 1, 3, null);   // 8.00, newer: behind high
        RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> order().equals(List.of(high, top, middle, sameScore, low)));
        RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"NOW\",\"toHorizon\":\"LATER\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> order().equals(List.of(top, middle, high, sameScore, low)));
        given().get(items + "/" + high + "/priority").then()
                .body("causes[-1].oldRank", equalTo(1)).body("causes[-1].newRank", equalTo(3));
        given().get(items + "/" + low + "/priority").then()
                .body("causes[-1].oldRank", equalTo(5)).body("causes[-1].newRank", equalTo(5));
    }

    @Test
    void an_item_that_moves_up_past_a_few_of_many_items_ahead_records_its_ranks() {
        for (int value : new int[]{20, 20, 20, 20, 13, 8, 2, 1}) {
            item("Unlinked " + value, 1, value, null);           // (value + 3 + 2) / 1: 25 four times, 18, 13, 7, 6
        }
        String linked = item("Linked", 1, 5, initiative);        // 10, in NOW 18 (behind the older 18)
        List<String> before = order();
        assertThat(before.indexOf(linked)).isEqualTo(6);

        RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> order().indexOf(linked) == 5);
        given().get(items + "/" + linked + "/priority").then()
                .body("causes[-1].eventType", equalTo("ItemReprioritized"))
                .body("causes[-1].oldRank", equalTo(7)).body("causes[-1].newRank", equalTo(6)).body("rank", equalTo(6));
    }

    @Test
    void the_ranks_of_a_move_of_many_items_are_their_places_in_the_backlog_before_and_after_it() {
        // more linked items than are ranked one count at a time: the move ranks them in one pass over the backlog
        int[] scale = {1, 2, 3, 5, 8, 13, 20};
        List<String> linked = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            item("Unlinked " + i, scale[i % 3], scale[(i * 3) % 7], null);
            linked.add(item("Linked " + i, scale[i % 5], scale[(i * 5) % 7], initiative));
        }
        List<String> before = order();
        assertThat(before).hasSize(60);

        RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\"}");
        // the items are rescored in one transaction: the last one shows them all
        await().atMost(Duration.ofSeconds(20)).until(() -> "ItemReprioritized".equals(
                given().get(items + "/" + linked.getLast() + "/priority").then().extract().path("causes[-1].eventType")));
        List<String> after = order();
        assertThat(after).isNotEqualTo(before).containsExactlyInAnyOrderElementsOf(before);
        for (String item : linked) {
            given().get(items + "/" + item + "/priority").then()
                    .body("causes[-1].eventType", equalTo("ItemReprioritized"))
                    .body("causes[-1].oldRank", equalTo(before.indexOf(item) + 1))
                    .body("causes[-1].newRank", equalTo(after.indexOf(item) + 1))
                    .body("rank", equalTo(after.indexOf(item) + 1));
        }
    }

    @Test
    void a_move_of_hundreds_of_items_rescores_every_one_in_the_list_and_ranks_them_by_their_places() {
        // enough items for the append to have its read-model rows encoded beside its statement
        int[] scale = {1, 2, 3, 5, 8, 13, 20};
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            Map<String, Object> item = new HashMap<>(Map.of("type", "STORY", "title", "Many " + i,
                    "jobSize", scale[i % 7], "businessValue", scale[(i / 7) % 7], "timeCriticality", scale[(i / 49) % 7],
                    "riskReduction", 1));
            if (i % 7 != 3) {
                item.put("initiativeId", initiative.toString());
            }
            batch.add(item);
        }
        given().contentType(ContentType.JSON).body(Map.of("items", batch)).post(items + "/batch").then().statusCode(201);
        Map<String, Map<String, Object>> before = listed();
        List<String> linked = given().queryParam("initiativeId", initiative).queryParam("limit", 200).get(items)
                .then().extract().path("items.id");

        RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> "ItemReprioritized".equals(
                given().get(items + "/" + linked.getLast() + "/priority").then().extract().path("causes[-1].eventType")));

        Map<String, Map<String, Object>> after = listed();
        assertThat(after).hasSize(700);
        long rescored = after.entrySet().stream()
                .filter(item -> (int) item.getValue().get("version") == (int) before.get(item.getKey()).get("version") + 1)
                .count();
        assertThat(rescored).isEqualTo(600);
        for (String item : List.of(linked.getFirst(), linked.get(100), linked.getLast())) {
            String eventId = given().get(items + "/" + item + "/priority").then()
                    .body("roadmap.horizon", equalTo("NOW"))
                    .body("causes[-1].oldRank", equalTo(before.get(item).get("rank")))
                    .body("causes[-1].newRank", equalTo(after.get(item).get("rank")))
                    .extract().path("causes[-1].eventId");
            // event ids are ordered by time (version 7), so that appends go to the end of the store's index
            assertThat(UUID.fromString(eventId).version()).isEqualTo(7);
        }
    }

    /** Every item of the backlog as the list shows it, by id, read through the cursors. */
    Map<String, Map<String, Object>> listed() {
        Map<String, Map<String, Object>> listed = new HashMap<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(items).then().statusCode(200).extract();
            List<Map<String, Object>> pageItems = page.path("items");
            pageItems.forEach(item -> listed.put((String) item.get("id"), item));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return listed;
    }

    @Test
    void a_pinned_item_holds_its_place_through_a_roadmap_move_and_the_pins_show_where_its_score_would_put_it() {
        String top = item("Unlinked top", 1, 8, null);            // 13.00
        String middle = item("Unlinked middle", 1, 5, null);      // 10.00
        String moved = item("Linked, not pinned", 2, 3, initiative);  // 4.00, in NOW 8.00
        String low = item("Unlinked low", 5, 3, null);            // 1.60
        String linked = item("Linked", 2, 5, initiative);         // 5.00, in NOW 9.00
        given().contentType(ContentType.JSON).body(Map.of("below", low, "reason", "Wait for the audit"))
                .put(items + "/" + linked + "/pin").then().statusCode(200).body("rank", equalTo(5));

        RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\"}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(items + "/" + linked + "/priority").then()
                .body("score", equalTo(9.0f))
                .body("causes.eventType", org.hamcrest.Matchers.hasItem("ItemReprioritized")));
        await().atMost(Duration.ofSeconds(20)).until(() -> order().equals(List.of(top, middle, moved, low, linked)));
        given().get(items + "/" + linked + "/history").then()
                .body("[-1].type", equalTo("ItemReprioritized"))
                .body("[-1].data.pinHeld", equalTo(true))
                .body("[-1].data.oldRank", equalTo(5))
                .body("[-1].data.newRank", equalTo(5));
        given().get(items + "/" + moved + "/history").then().body("[-1].data.pinHeld", equalTo(false));
        given().get("/api/v1/products/" + product + "/backlog/pins").then()
                .body("pins.itemId", contains(linked))
                .body("pins[0].rank", equalTo(5))
                .body("pins[0].scoreRank", equalTo(3))
                .body("pins[0].heldBy", equalTo(-2))
                .body("pins[0].score", equalTo(9.0f));
    }

    @Test
    void a_pin_at_the_top_stays_there_when_a_roadmap_move_lifts_another_item_past_it() {
        String unlinked = item("Unlinked", 1, 8, null);             // 13.00
        String linked = item("Linked", 1, 8, initiative);           // 13.00, in NOW 21.00
        String pinned = item("Pinned first", 20, 1, null);          // 0.30, pinned at position 1
        given().contentType(ContentType.JSON).body(Map.of("position", 1, "reason", "The regulator asked for it"))
                .put(items + "/" + pinned + "/pin").then().statusCode(200).body("rank", equalTo(1));

        RoadmapFixture.publish(product, initiative, "InitiativeMoved",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\"}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get(items + "/" + linked).then().body("score", equalTo(21.0f)));
        assertThat(order()).containsExactly(pinned, linked, unlinked);
        given().get(items + "/" + pinned + "/history").then()
                .body("[-1].type", equalTo("ItemPinned"))
                .body("[-1].data.place.position", equalTo(1))
                .body("[-1].data.reason", equalTo("The regulator asked for it"))
                .body("[-1].data.pinnedBy", equalTo("po@example.com"));
    }

    @Test
    void a_redelivered_roadmap_event_reprioritizes_once() throws Exception {
        String linked = item("Linked", 2, 5, initiative);
        String payload = "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NEXT\"}";
        UUID move = RoadmapFixture.publish(product, initiative, "InitiativeMoved", payload);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get(items + "/" + linked).then().body("score", equalTo(6.5f)));

        RoadmapFixture.publish(move, product, initiative, "InitiativeMoved", payload);
        UUID marker = RoadmapFixture.publish(product, initiative, "InitiativeStatusChanged",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"from\":\"PROPOSED\",\"to\":\"PLANNED\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get(items + "/" + linked + "/history").then().body("causationId", org.hamcrest.Matchers.hasItem(marker.toString())));

        List<String> causes = given().get(items + "/" + linked + "/history").then().extract().path("causationId");
        assertThat(causes.stream().filter(move.toString()::equals)).hasSize(1);
    }

    @Test
    void a_theme_reweight_scales_and_a_drop_demotes_the_linked_items() {
        String linked = item("Linked", 2, 5, initiative);   // 5.00
        RoadmapFixture.publish(product, theme, "ThemeReweighted", "{\"oldWeight\":1,\"newWeight\":3}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get(items + "/" + linked).then().body("score", equalTo(15.0f)));

        RoadmapFixture.publish(product, initiative, "InitiativeDropped",
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"from\":\"PROPOSED\",\"reason\":\"no demand\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get(items + "/" + linked + "/priority").then()
                        .body("score", equalTo(3.75f))
                        .body("components.initiativeStatusFactor", equalTo(0.25f))
                        .body("causes[-1].causedBy.eventType", equalTo("northstar.roadmap.InitiativeDropped.v1")));
    }

    @Test
    void the_backlog_lists_the_initiatives_it_has_heard_of() {
        String known = "/api/v1/products/" + product + "/backlog/initiatives";
        given().get(known).then().statusCode(200)
                .body("id", contains(initiative.toString()))
                .body("[0].horizon", equalTo("LATER"))
                .body("[0].themeName", equalTo("Growth"));
        given().get(known + "/" + initiative).then().statusCode(200).body("status", equalTo("PROPOSED"));
        given().get(known + "/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/products/" + UUID.randomUUID() + "/backlog/initiatives").then().statusCode(404);
    }

    @Test
    void linking_takes_the_initiatives_current_roadmap_context() {
        UUID now = RoadmapFixture.initiative(product, RoadmapFixture.theme(product, "2"), "NOW");
        String id = item("Later linked", 2, 5, null);
        given().contentType(ContentType.JSON).body(Map.of("initiativeId", now.toString())).put(items + "/" + id + "/initiative")
                .then().statusCode(200).body("score", equalTo(18.0f));   // (10 + 8) x 2 / 2
        given().get(items + "/" + id + "/priority").then().body("causes.eventType", contains("ItemEstimated", "CostOfDelayAssessed",
                "ItemLinkedToInitiative"));
    }
}
