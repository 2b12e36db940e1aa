package dev.northstar.backlog.api;

import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Roles;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import dev.northstar.backlog.support.RoadmapFixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class BacklogApiTest {
    UUID product;
    String items;

    @BeforeEach
    void newProduct() {
        TestTokens.useForEveryRequest(TestTokens.everything("po@example.com"));
        product = RoadmapFixture.product();
        items = "/api/v1/products/" + product + "/backlog/items";
    }

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    static Map<String, Object> readyStory(String title, int jobSize, int value, int criticality, int risk) {
        return Map.of(
                "type", "STORY",
                "title", title,
                "story", Map.of("asA", "product owner", "iWant", title, "soThat", "the team knows what matters"),
                "acceptanceCriteria", List.of("It works"),
                "jobSize", jobSize,
                "businessValue", value,
                "timeCriticality", criticality,
                "riskReduction", risk,
                "labels", List.of("checkout"));
    }

    ExtractableResponse<Response> create(Map<String, Object> body) {
        return json().body(body).post(items).then().statusCode(201).extract();
    }

    RequestSpecification asTeamMember() {
        return given().auth().oauth2(TestTokens.token("dev@example.com", Set.of(Roles.TEAM_MEMBER), product.toString()))
                .contentType(ContentType.JSON);
    }

    static Map<String, Object> verdict(String criterion, boolean met) {
        return Map.of("id", criterion, "met", met);
    }

    String criterionOf(String id) {
        return given().get(items + "/" + id).then().extract().path("acceptanceCriteria[0].id");
    }

    /** Works the item to DONE as a team member and accepts it as the product owner, its criterion met. */
    void finishAndAccept(String id) {
        transition(id, "READY").response().then().statusCode(200);
        for (String step : List.of("IN_PROGRESS", "DONE")) {
            asTeamMember().body(Map.of("to", step)).post(items + "/" + id + "/transitions").then().statusCode(200);
        }
        json().body(Map.of("to", "ACCEPTED", "criteria", List.of(verdict(criterionOf(id), true))))
                .post(items + "/" + id + "/transitions").then().statusCode(200);
    }

    ExtractableResponse<Response> transition(String id, String to) {
        return json().body(Map.of("to", to)).post(items + "/" + id + "/transitions").then().extract();
    }

    @Test
    void a_retired_product_keeps_its_backlog_readable_and_takes_no_more_changes() {
        String id = json().body(readyStory("Save a card", 3, 8, 5, 2)).post(items).then().statusCode(201).extract().path("id");
        RoadmapFixture.publish(product, product, "ProductStageChanged",
                "{\"from\":\"DECLINE\",\"to\":\"RETIRED\",\"reason\":\"Merged into the wallet product\"}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM product_stages WHERE product_id = ? AND stage = 'RETIRED'", product) == 1);
        json().body(readyStory("Late", 1, 1, 1, 1)).post(items).then()
                .statusCode(409).contentType("application/problem+json").body("type", containsString("product-retired"))
                .body("stage", equalTo("RETIRED"));
        json().body(Map.of("status", "IN_PROGRESS")).post(items + "/" + id + "/transitions").then().statusCode(409);
        given().get(items + "/" + id).then().statusCode(200).body("title", equalTo("Save a card"));
        given().get(items).then().statusCode(200).body("items.id", contains(id));
    }

    @Test
    void an_item_is_created_with_its_location_version_and_score_and_reads_back_the_same() {
        UUID initiative = RoadmapFixture.initiative(product, RoadmapFixture.theme(product, "1"), "LATER");
        Map<String, Object> body = new HashMap<>(readyStory("Pay with a saved card", 3, 8, 5, 2));
        body.put("initiativeId", initiative.toString());
        ExtractableResponse<Response> created = create(body);

        String id = created.path("id");
        assertThat(created.header("Location")).endsWith(items + "/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"5\"");
        assertThat(created.<Float>path("score")).isEqualTo(5.0f);
        assertThat(created.<Integer>path("rank")).isEqualTo(1);
        assertThat(created.<String>path("status")).isEqualTo("NEW");
        assertThat(created.<List<String>>path("allowedTransitions")).containsExactly("READY");
        assertThat(created.<String>path("initiativeId")).isEqualTo(initiative.toString());

        given().get(items + "/" + id).then().statusCode(200)
                .header("ETag", "\"5\"")
                .body("title", equalTo("Pay with a saved card"))
                .body("story.soThat", equalTo("the team knows what matters"))
                .body("acceptanceCriteria[0].text", equalTo("It works"))
                .body("acceptanceCriteria[0].id", notNullValue())
                .body("labels", contains("checkout"));
    }

    @Test
    void every_change_is_published_as_a_cloud_event_keyed_by_the_item() {
        String id = create(readyStory("Publish me", 3, 5, 3, 1)).path("id");
        transition(id, "READY");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.BACKLOG_EVENTS, Duration.ofMillis(300))
                    .stream().filter(r -> id.equals(r.key())).toList();
            assertThat(records).extracting(r -> TopicReader.header(r, Headers.TYPE)).containsExactly(
                    "northstar.backlog.ItemCreated.v1", "northstar.backlog.AcceptanceCriterionAdded.v1",
                    "northstar.backlog.ItemEstimated.v1", "northstar.backlog.CostOfDelayAssessed.v1",
                    "northstar.backlog.ItemMadeReady.v1");
            ConsumerRecord<String, String> createdEvent = records.getFirst();
            assertThat(TopicReader.header(createdEvent, Headers.PRODUCT_ID)).isEqualTo(product.toString());
            assertThat(TopicReader.header(createdEvent, Headers.SUBJECT)).isEqualTo(id);
            assertThat(TopicReader.header(createdEvent, Headers.SOURCE)).isEqualTo("/northstar/backlog-service");
            assertThat(TopicReader.header(createdEvent, Headers.ACTOR)).isEqualTo("po@example.com");
            assertThat(TopicReader.header(createdEvent, Headers.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(createdEvent.value()).contains("\"title\":\"Publish me\"");
        });
    }

    @Test
    void the_backlog_lists_items_by_wsjf_score_and_filters_them() {
        String low = create(readyStory("Low", 13, 1, 1, 1)).path("id");
        String high = create(readyStory("High", 1, 20, 20, 20)).path("id");
        String middle = create(readyStory("Middle", 5, 8, 8, 5)).path("id");
        String unscored = create(Map.of("type", "BUG", "title", "Unscored", "labels", List.of("mobile"))).path("id");

        given().get(items).then().statusCode(200)
                .body("items.id", contains(high, middle, low, unscored))
                .body("items.rank", contains(1, 2, 3, 4))
                .body("nextCursor", nullValue());
        given().queryParam("type", "BUG").get(items).then().body("items.id", contains(unscored));
        given().queryParam("label", "checkout").get(items).then().body("items.id", contains(high, middle, low));
        given().queryParam("status", "READY").get(items).then().body("items", hasSize(0));
    }

    @Test
    void pages_follow_the_cursor_through_the_whole_backlog_without_gaps_or_repeats() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(create(readyStory("Item " + i, 3, 5, 3, 1)).path("id"));
        }
        List<String> seen = new ArrayList<>();
        pages(Map.of(), 3).forEach(page -> seen.addAll(page.path("items.id")));
        // equal scores: oldest first
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void ranks_on_cursor_pages_and_filtered_pages_are_the_items_own_ranks() {
        // WSJF scores 22, 15, 10, 7.5, 5, 2 (cost of delay / job size); the second is accepted and leaves the ranking
        List<String> ids = new ArrayList<>();
        int[] jobSizes = {1, 1, 1, 2, 3, 5};
        int[] values = {20, 13, 8, 13, 13, 8};
        for (int i = 0; i < jobSizes.length; i++) {
            Map<String, Object> item = new HashMap<>(readyStory("Ranked " + i, jobSizes[i], values[i], 1, 1));
            item.put("labels", List.of(i % 2 == 0 ? "even" : "odd"));
            ids.add(create(item).path("id"));
        }
        finishAndAccept(ids.get(1));

        Map<String, Integer> unfiltered = walk(Map.of());
        assertThat(unfiltered.keySet()).containsExactlyElementsOf(ids);
        assertThat(unfiltered.values()).containsExactly(1, null, 2, 3, 4, 5);
        Map<String, Integer> odd = walk(Map.of("label", "odd"));
        assertThat(odd.keySet()).containsExactly(ids.get(1), ids.get(3), ids.get(5));
        assertThat(odd.values()).containsExactly(null, 3, 5);
        Map<String, Integer> even = walk(Map.of("label", "even"));
        assertThat(even.keySet()).containsExactly(ids.get(0), ids.get(2), ids.get(4));
        assertThat(even.values()).containsExactly(1, 2, 4);
        for (String id : ids) {
            Integer rank = given().get(items + "/" + id).then().statusCode(200).extract().path("rank");
            assertThat(rank).as("rank of " + id).isEqualTo(unfiltered.get(id));
        }
    }

    /** Every item of the filtered backlog with its rank, read in pages of two through the cursors. */
    private Map<String, Integer> walk(Map<String, String> filter) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (ExtractableResponse<Response> page : pages(filter, 2)) {
            List<String> pageIds = page.path("items.id");
            List<Integer> pageRanks = page.path("items.rank");
            for (int i = 0; i < pageIds.size(); i++) {
                ranks.put(pageIds.get(i), pageRanks.get(i));
            }
        }
        return ranks;
    }

    /** Every page of the filtered backlog, {@code limit} items each, read through the cursors. */
    private List<ExtractableResponse<Response>> pages(Map<String, String> filter, int limit) {
        List<ExtractableResponse<Response>> pages = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = given().queryParams(filter).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get(items).then().statusCode(200).extract();
            pages.add(page);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return pages;
    }

    @Test
    void a_batch_adds_all_its_items_or_none() {
        ExtractableResponse<Response> batch = json()
                .body(Map.of("items", List.of(readyStory("Batch low", 5, 3, 1, 1), readyStory("Batch high", 1, 20, 13, 8),
                        Map.of("type", "BUG", "title", "Batch bug"))))
                .post(items + "/batch").then().statusCode(201)
                .body("items.title", contains("Batch low", "Batch high", "Batch bug"))
                .body("items.rank", contains(2, 1, 3))
                .body("items.version", contains(4, 4, 1))
                .extract();
        List<String> ids = batch.path("items.id");
        given().get(items).then().statusCode(200).body("items.id", contains(ids.get(1), ids.get(0), ids.get(2)));
        given().get(items + "/" + ids.get(0)).then().statusCode(200).body("rank", equalTo(2));

        json().body(Map.of("items", List.of(Map.of("type", "STORY", "title", "Fine"), Map.of("type", "STORY", "title", " "))))
                .post(items + "/batch").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("items[1].title")));
        json().body(Map.of("items", List.of())).post(items + "/batch").then().statusCode(400);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("type", "STORY", "title", "Item " + i));
        }
        json().body(Map.of("items", tooMany)).post(items + "/batch").then().statusCode(400);
        given().get(items).then().body("items", hasSize(3));
    }

    @Test
    void the_workflow_runs_from_new_to_accepted_with_a_rejection_on_the_way() {
        String id = create(Map.of("type", "STORY", "title", "Export to CSV")).path("id");

        transition(id, "DONE").response().then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("transition-not-allowed"))
                .body("allowed", contains("READY"));
        transition(id, "READY").response().then().statusCode(409)
                .body("missing", hasSize(3));

        json().body(Map.of("story", Map.of("asA", "analyst", "iWant", "a CSV export", "soThat", "I can use a spreadsheet"),
                "jobSize", 2)).patch(items + "/" + id).then().statusCode(200);
        String location = json().body(Map.of("text", "The file opens in a spreadsheet")).post(items + "/" + id + "/acceptance-criteria")
                .then().statusCode(201).header("Location", containsString("/acceptance-criteria/")).extract().header("Location");
        String criterion = location.substring(location.lastIndexOf('/') + 1);

        transition(id, "READY").response().then().statusCode(200).body("status", equalTo("READY"));
        asTeamMember().body(Map.of("to", "IN_PROGRESS")).post(items + "/" + id + "/transitions").then().statusCode(200);
        asTeamMember().body(Map.of("to", "DONE")).post(items + "/" + id + "/transitions").then().statusCode(200)
                .body("allowedTransitions", contains("ACCEPTED", "REJECTED"));
        asTeamMember().body(Map.of("to", "ACCEPTED", "criteria", List.of(verdict(criterion, true))))
                .post(items + "/" + id + "/transitions").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("product-owner"));
        json().body(Map.of("to", "REJECTED")).post(items + "/" + id + "/transitions").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        json().body(Map.of("to", "REJECTED", "reason", "Dates are not ISO-8601",
                        "criteria", List.of(Map.of("id", criterion, "met", false, "note", "Excel shows 11/29/26"))))
                .post(items + "/" + id + "/transitions")
                .then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("lastRejection.reason", equalTo("Dates are not ISO-8601"))
                .body("lastRejection.rejectedBy", equalTo("po@example.com"))
                .body("lastRejection.unmetCriteria", contains(criterion))
                .body("acceptanceCriteria[0].lastVerdict.met", equalTo(false))
                .body("acceptanceCriteria[0].lastVerdict.note", equalTo("Excel shows 11/29/26"));
        asTeamMember().body(Map.of("to", "DONE")).post(items + "/" + id + "/transitions").then().statusCode(200);
        transition(id, "ACCEPTED").response().then().statusCode(422)
                .body("type", containsString("criteria-not-judged")).body("criteria", contains(criterion));
        json().body(Map.of("to", "ACCEPTED", "criteria", List.of(verdict(criterion, false)))).post(items + "/" + id + "/transitions")
                .then().statusCode(409).body("type", containsString("criteria-not-met")).body("criteria", contains(criterion));
        json().body(Map.of("to", "ACCEPTED", "criteria", List.of(verdict(UUID.randomUUID().toString(), true))))
                .post(items + "/" + id + "/transitions").then().statusCode(400).body("errors.field", hasItem("criteria"));
        json().body(Map.of("to", "ACCEPTED", "criteria", List.of(verdict(criterion, true)))).post(items + "/" + id + "/transitions")
                .then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("rank", nullValue())
                .body("lastRejection", nullValue())
                .body("acceptanceCriteria[0].lastVerdict.met", equalTo(true))
                .body("acceptanceCriteria[0].lastVerdict.by", equalTo("po@example.com"));
        json().body(Map.of("jobSize", 3)).patch(items + "/" + id).then().statusCode(409)
                .body("type", containsString("item-closed"));
    }

    @Test
    void whoever_finished_an_item_accepts_it_only_where_the_product_allows_self_acceptance() {
        String settings = "/api/v1/products/" + product + "/backlog/settings";
        given().get(settings).then().statusCode(200).header("ETag", equalTo("\"0\"")).body("allowSelfAcceptance", equalTo(false));
        String id = create(readyStory("Self-reviewed", 2, 5, 5, 5)).path("id");
        for (String step : List.of("READY", "IN_PROGRESS", "DONE")) {
            transition(id, step).response().then().statusCode(200);
        }
        Map<String, Object> acceptance = Map.of("to", "ACCEPTED", "criteria", List.of(verdict(criterionOf(id), true)));
        json().body(acceptance).post(items + "/" + id + "/transitions").then().statusCode(403)
                .contentType("application/problem+json").body("type", containsString("self-acceptance"))
                .body("detail", containsString("po@example.com finished this item"));

        json().header("If-Match", "\"0\"").body(Map.of("allowSelfAcceptance", true)).put(settings).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("allowSelfAcceptance", equalTo(true));
        json().header("If-Match", "\"0\"").body(Map.of("allowSelfAcceptance", false)).put(settings).then().statusCode(412);
        json().body(Map.of()).put(settings).then().statusCode(400).body("errors.field", hasItem("allowSelfAcceptance"));
        json().body(acceptance).post(items + "/" + id + "/transitions").then().statusCode(200).body("status", equalTo("ACCEPTED"));
        given().get("/api/v1/products/" + UUID.randomUUID() + "/backlog/settings").then().statusCode(404);
    }

    @Test
    void an_epic_holds_items_one_level_deep_and_shows_their_progress() {
        String epic = create(Map.of("type", "EPIC", "title", "Wallets", "jobSize", 13, "businessValue", 13,
                "timeCriticality", 8, "riskReduction", 3)).path("id");
        String applePay = create(Map.of("type", "STORY", "title", "Pay with Apple Pay", "parentId", epic)).path("id");
        String googlePay = create(readyStory("Pay with Google Pay", 5, 13, 5, 3)).path("id");
        String elsewhere = create(readyStory("Not in the epic", 1, 1, 1, 1)).path("id");
        json().body(Map.of("epicId", epic)).put(items + "/" + googlePay + "/epic").then().statusCode(200)
                .body("parentId", equalTo(epic));

        json().body(Map.of("epicId", elsewhere)).put(items + "/" + applePay + "/epic").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("epic-structure"));
        json().body(Map.of("epicId", applePay)).put(items + "/" + epic + "/epic").then().statusCode(409)
                .body("detail", containsString("an epic cannot sit in another epic"));
        json().body(Map.of("epicId", UUID.randomUUID().toString())).put(items + "/" + elsewhere + "/epic").then().statusCode(422)
                .body("errors[0].field", equalTo("epicId"));
        json().body(Map.of("type", "STORY", "title", "x", "parentId", UUID.randomUUID().toString())).post(items).then()
                .statusCode(422).body("errors[0].field", equalTo("parentId"));
        transition(epic, "READY").response().then().statusCode(409).body("type", containsString("epic-structure"));
        json().body(Map.of("type", "STORY")).patch(items + "/" + epic).then().statusCode(409)
                .body("detail", containsString("an epic holding 2 items stays an epic"));

        finishAndAccept(googlePay);
        given().get(items + "/" + epic).then().statusCode(200)
                .body("allowedTransitions", hasSize(0))
                .body("epic.items", equalTo(2))
                .body("epic.byStatus.ACCEPTED", equalTo(1))
                .body("epic.byStatus.NEW", equalTo(1))
                .body("epic.progress", equalTo(0.5f));
        // backlog order: the scored story first, the unscored one last
        given().queryParam("parentId", epic).get(items).then().body("items.id", contains(googlePay, applePay));
        given().get(items + "/" + epic + "/priority").then().body("epicItems.id", contains(googlePay, applePay));

        given().delete(items + "/" + applePay + "/epic").then().statusCode(200).body("parentId", nullValue());
        given().get(items + "/" + epic).then().body("epic.items", equalTo(1)).body("epic.progress", equalTo(1.0f));
    }

    @Test
    void an_item_with_an_open_blocker_is_not_ready_and_no_cycle_can_form() {
        String api = create(readyStory("Payments API", 3, 8, 5, 5)).path("id");
        String checkout = create(readyStory("Checkout uses the API", 2, 8, 5, 5)).path("id");
        String report = create(readyStory("Payments report", 2, 3, 3, 3)).path("id");
        given().put(items + "/" + checkout + "/blockers/" + api).then().statusCode(200).body("blockedBy", contains(api));
        given().put(items + "/" + report + "/blockers/" + checkout).then().statusCode(200);
        given().get(items + "/" + api).then().body("blocks", contains(checkout));

        given().put(items + "/" + api + "/blockers/" + report).then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("dependency-cycle"));
        given().put(items + "/" + api + "/blockers/" + api).then().statusCode(409);
        given().put(items + "/" + api + "/blockers/" + UUID.randomUUID()).then().statusCode(422)
                .body("errors[0].field", equalTo("blockerId"));

        transition(checkout, "READY").response().then().statusCode(409)
                .body("type", containsString("definition-of-ready-not-met"))
                .body("missing", hasItem("blocker " + api + " done (accepted or discarded)"));
        finishAndAccept(api);
        transition(checkout, "READY").response().then().statusCode(200);

        given().delete(items + "/" + report + "/blockers/" + checkout).then().statusCode(200).body("blockedBy", hasSize(0));
        given().get(items + "/" + checkout).then().body("blocks", hasSize(0));
    }

    @Test
    void a_discarded_item_leaves_the_ranking_and_the_default_list_until_it_is_restored() throws Exception {
        String high = create(readyStory("High", 1, 20, 20, 20)).path("id");
        String middle = create(readyStory("Middle", 5, 8, 8, 5)).path("id");
        String low = create(readyStory("Low", 13, 1, 1, 1)).path("id");
        Instant beforeDiscard = Instant.now();
        await().until(() -> Instant.now().isAfter(beforeDiscard));

        json().body(Map.of("reason", "Customers pay by wallet instead")).post(items + "/" + middle + "/discard")
                .then().statusCode(200)
                .header("ETag", equalTo("\"5\""))
                .body("status", equalTo("DISCARDED"))
                .body("rank", nullValue())
                .body("allowedTransitions", hasSize(0))
                .body("discarded.reason", equalTo("Customers pay by wallet instead"))
                .body("discarded.discardedBy", equalTo("po@example.com"))
                .body("discarded.from", equalTo("NEW"));

        given().get(items).then().body("items.id", contains(high, low)).body("items.rank", contains(1, 2));
        given().get(items + "/" + low).then().body("rank", equalTo(2));
        given().queryParam("status", "DISCARDED").get(items).then()
                .body("items.id", contains(middle)).body("items.rank", contains((Object) null));
        given().queryParam("asOf", beforeDiscard.toString()).get(items).then().body("items.id", contains(high, middle, low));
        given().get(items + "/" + middle + "/history").then().body("type", hasItem("ItemDiscarded"));

        json().body(Map.of("reason", "again")).post(items + "/" + middle + "/discard").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("item-discarded"));
        json().body(Map.of("jobSize", 3)).patch(items + "/" + middle).then().statusCode(409)
                .body("type", containsString("item-discarded"));
        transition(middle, "READY").response().then().statusCode(409).body("type", containsString("transition-not-allowed"));
        given().post(items + "/" + low + "/restore").then().statusCode(409)
                .body("type", containsString("item-not-discarded")).body("status", equalTo("NEW"));

        given().post(items + "/" + middle + "/restore").then().statusCode(200)
                .body("status", equalTo("NEW"))
                .body("rank", equalTo(2))
                .body("discarded", nullValue());
        given().get(items).then().body("items.id", contains(high, middle, low)).body("items.rank", contains(1, 2, 3));
    }

    @Test
    void a_pin_puts_an_item_where_the_product_owner_wants_it_and_explains_itself() {
        String high = create(readyStory("High", 1, 20, 20, 20)).path("id");      // 60.00
        String middle = create(readyStory("Middle", 5, 8, 8, 5)).path("id");     // 4.20
        String low = create(readyStory("Low", 13, 1, 1, 1)).path("id");         // 0.23
        String lowest = create(readyStory("Lowest", 20, 1, 1, 1)).path("id");   // 0.15

        json().body(Map.of("above", high, "reason", "The launch on 1 March needs it")).put(items + "/" + low + "/pin")
                .then().statusCode(200)
                .body("rank", equalTo(1))
                .body("score", equalTo(0.23f))
                .body("pin.reason", equalTo("The launch on 1 March needs it"))
                .body("pin.pinnedBy", equalTo("po@example.com"))
                .body("pin.place.above", equalTo(high));
        given().get(items).then().body("items.id", contains(low, high, middle, lowest)).body("items.rank", contains(1, 2, 3, 4));
        given().get(items + "/" + low + "/priority").then()
                .body("rank", equalTo(1))
                .body("scoreRank", equalTo(3))
                .body("pin.explanation", allOf(startsWith("pinned by po@example.com at "),
                        containsString(": The launch on 1 March needs it (above " + high + ")")))
                .body("causes[-1].eventType", equalTo("ItemPinned"));

        // pinning again moves the pin; a position counts the other items
        json().body(Map.of("position", 3, "reason", "After the audit work")).put(items + "/" + low + "/pin").then().statusCode(200)
                .body("rank", equalTo(3));
        json().body(Map.of("below", lowest, "reason", "Nobody needs it soon")).put(items + "/" + high + "/pin").then()
                .statusCode(200).body("rank", equalTo(4));
        given().get(items).then().body("items.id", contains(middle, low, lowest, high));
        given().get("/api/v1/products/" + product + "/backlog/pins").then().statusCode(200)
                .body("pins.itemId", contains(low, high))
                .body("pins.rank", contains(2, 4))
                .body("pins.scoreRank", contains(2, 1))
                .body("pins.heldBy", contains(0, -3))
                .body("pins[1].pin.place.below", equalTo(lowest));

        // a page by cursor continues in the pinned order
        given().queryParam("limit", 2).get(items).then().body("items.id", contains(middle, low));
        String cursor = given().queryParam("limit", 2).get(items).then().extract().path("nextCursor");
        given().queryParam("limit", 2).queryParam("cursor", cursor).get(items).then()
                .body("items.id", contains(lowest, high)).body("items.rank", contains(3, 4));

        given().delete(items + "/" + high + "/pin").then().statusCode(200).body("pin", nullValue()).body("rank", equalTo(1));
        given().get(items + "/" + high + "/history").then().body("type", hasItem("ItemUnpinned"));
        given().get("/api/v1/products/" + product + "/backlog/pins").then().body("pins.itemId", contains(low));
    }

    @Test
    void a_pin_needs_a_reason_and_one_ranked_place() {
        String one = create(readyStory("One", 1, 20, 20, 20)).path("id");
        String two = create(readyStory("Two", 5, 8, 8, 5)).path("id");
        json().body(Map.of("above", one)).put(items + "/" + two + "/pin").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("reason"));
        json().body(Map.of("above", one, "below", one, "reason", "why")).put(items + "/" + two + "/pin").then().statusCode(400)
                .body("detail", containsString("exactly one of above, below or position"));
        json().body(Map.of("position", 0, "reason", "why")).put(items + "/" + two + "/pin").then().statusCode(400);
        json().body(Map.of("above", two, "reason", "why")).put(items + "/" + two + "/pin").then().statusCode(400)
                .body("detail", containsString("itself"));
        String unknown = UUID.randomUUID().toString();
        json().body(Map.of("above", unknown, "reason", "why")).put(items + "/" + two + "/pin").then().statusCode(422)
                .contentType("application/problem+json").body("type", containsString("not-ranked"))
                .body("errors.field", hasItem("above"));
        finishAndAccept(one);
        json().body(Map.of("below", one, "reason", "why")).put(items + "/" + two + "/pin").then().statusCode(422);
        json().body(Map.of("position", 1, "reason", "why")).put(items + "/" + one + "/pin").then().statusCode(409)
                .body("type", containsString("item-closed"));
        given().get(items + "/" + two + "/history").then().body("type", not(hasItem("ItemPinned")));
        asTeamMember().body(Map.of("position", 1, "reason", "mine first")).put(items + "/" + two + "/pin").then().statusCode(403);
    }

    @Test
    void a_discard_needs_a_reason_and_accepted_work_cannot_be_discarded() {
        String id = create(readyStory("Shipped", 2, 5, 5, 5)).path("id");
        json().body(Map.of()).post(items + "/" + id + "/discard").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("reason"));
        json().body(Map.of("reason", " ")).post(items + "/" + id + "/discard").then().statusCode(400);
        finishAndAccept(id);
        json().body(Map.of("reason", "late")).post(items + "/" + id + "/discard").then().statusCode(409)
                .body("type", containsString("item-closed"));
        given().get(items + "/" + id + "/history").then().body("type", not(hasItem("ItemDiscarded")));
    }

    @Test
    void acceptance_criteria_are_added_edited_and_removed_by_id() {
        String id = create(Map.of("type", "STORY", "title", "Search", "acceptanceCriteria", List.of("Finds by title"))).path("id");
        String criterion = given().get(items + "/" + id).then().extract().path("acceptanceCriteria[0].id");

        json().body(Map.of("text", "Finds by title, ignoring case")).put(items + "/" + id + "/acceptance-criteria/" + criterion)
                .then().statusCode(200).body("acceptanceCriteria[0].text", equalTo("Finds by title, ignoring case"));
        json().delete(items + "/" + id + "/acceptance-criteria/" + criterion)
                .then().statusCode(200).body("acceptanceCriteria", hasSize(0));
        json().delete(items + "/" + id + "/acceptance-criteria/" + criterion)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_stale_if_match_is_refused_with_412_and_changes_nothing() {
        String id = create(readyStory("Concurrent edit", 3, 5, 3, 1)).path("id");
        json().header("If-Match", "\"4\"").body(Map.of("title", "First writer")).patch(items + "/" + id)
                .then().statusCode(200).header("ETag", "\"5\"");
        json().header("If-Match", "\"4\"").body(Map.of("title", "Second writer")).patch(items + "/" + id)
                .then().statusCode(412).contentType("application/problem+json");

        given().get(items + "/" + id).then().body("title", equalTo("First writer")).header("ETag", "\"5\"");
    }

    @Test
    void bad_input_gets_a_problem_and_writes_nothing() {
        String malformed = "{\"type\": \"STORY\", \"title\": ";
        json().body(malformed).post(items).then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        json().body(Map.of("type", "FEATURE", "title", "x")).post(items).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("STORY"));
        json().body(Map.of("type", "STORY")).post(items).then().statusCode(400)
                .body("errors.field", hasItem("title"));
        json().body(Map.of("type", "STORY", "title", "x".repeat(201))).post(items).then().statusCode(400)
                .body("errors.field", hasItem("title"));
        json().body(Map.of("type", "STORY", "title", "x", "jobSize", 4)).post(items).then().statusCode(400)
                .body("errors.field", hasItem("jobSize"));
        json().body(Map.of("type", "STORY", "title", "x", "labels", List.of("has space"))).post(items).then().statusCode(400)
                .body("errors[0].field", containsString("labels"));
        json().body(Map.of("type", "STORY", "title", "x", "colour", "red")).post(items).then().statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        json().body(Map.of("type", "STORY", "title", "x".repeat(2_200_000))).post(items).then().statusCode(413)
                .contentType("application/problem+json").body("title", equalTo("Payload too large"));
        given().queryParam("label", "x".repeat(9_000)).get(items).then().statusCode(414)
                .contentType("application/problem+json").body("title", equalTo("URI too long"));
        json().body("").post(items).then().statusCode(400).contentType("application/problem+json");
        given().get(items + "/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        json().body(Map.of("type", "STORY", "title", "x")).post("/api/v1/products/" + UUID.randomUUID() + "/backlog/items")
                .then().statusCode(404).body("detail", containsString("product"));
        json().body(Map.of("type", "STORY", "title", "x", "initiativeId", UUID.randomUUID().toString())).post(items)
                .then().statusCode(422).body("errors[0].field", equalTo("initiativeId"));
        given().get("/api/v1/products/not-a-uuid/backlog/items").then().statusCode(404);
        given().queryParam("status", "FINISHED").get(items).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().queryParam("asOf", "yesterday").get(items).then().statusCode(400);
        given().queryParam("cursor", "garbage").get(items).then().statusCode(400);
        given().queryParam("limit", 0).get(items).then().statusCode(400);

        given().get(items).then().body("items", hasSize(0));
    }

    @Test
    void an_item_of_another_product_is_not_found() {
        String id = create(readyStory("Private", 3, 5, 3, 1)).path("id");
        String otherProduct = "/api/v1/products/" + UUID.randomUUID() + "/backlog/items/" + id;
        given().get(otherProduct).then().statusCode(404);
        json().body(Map.of("title", "Hijacked")).patch(otherProduct).then().statusCode(404);
        given().get(otherProduct + "/history").then().statusCode(404);
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_creates_one_item() {
        Map<String, Object> body = readyStory("Retry me", 3, 5, 3, 1);
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = json().header("Idempotency-Key", key).body(body).post(items).then().statusCode(201).extract();
        ExtractableResponse<Response> retry = json().header("Idempotency-Key", key).body(body).post(items).then().statusCode(201).extract();

        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        given().get(items).then().body("items", hasSize(1));
        json().header("Idempotency-Key", key).body(readyStory("Something else", 3, 5, 3, 1)).post(items)
                .then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void an_idempotency_key_is_the_callers_own() {
        Map<String, Object> body = readyStory("Mine", 3, 5, 3, 1);
        String key = "my-first-item";
        String mine = json().header("Idempotency-Key", key).body(body).post(items).then().statusCode(201).extract().path("id");
        String someoneElses = json().auth().oauth2(TestTokens.token("someone.else@example.com", Set.of("product-owner"),
                        product.toString()))
                .header("Idempotency-Key", key).body(body).post(items).then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");

        assertThat(someoneElses).isNotEqualTo(mine);
        given().get(items).then().body("items", hasSize(2));
    }

    @Test
    void history_lists_every_event_with_actor_and_time_and_as_of_shows_the_past() throws Exception {
        String id = create(readyStory("Time travel", 3, 5, 3, 1)).path("id");
        Thread.sleep(20);
        Instant before = Instant.now();
        Thread.sleep(20);
        TestTokens.useForEveryRequest(TestTokens.everything("dev@example.com"));
        given().contentType(ContentType.JSON).body(Map.of("to", "READY"))
                .post(items + "/" + id + "/transitions").then().statusCode(200);
        TestTokens.useForEveryRequest(TestTokens.everything("po@example.com"));

        given().get(items + "/" + id + "/history").then().statusCode(200)
                .body("type", contains("ItemCreated", "AcceptanceCriterionAdded", "ItemEstimated", "CostOfDelayAssessed", "ItemMadeReady"))
                .body("actor", contains("po@example.com", "po@example.com", "po@example.com", "po@example.com", "dev@example.com"))
                .body("[2].data.jobSize", equalTo(3))
                .body("[4].occurredAt", notNullValue());
        given().queryParam("asOf", before.toString()).get(items + "/" + id).then().statusCode(200)
                .body("status", equalTo("NEW")).body("rank", nullValue()).header("ETag", "\"4\"");
        given().queryParam("asOf", before.toString()).get(items).then().body("items[0].status", equalTo("NEW"));
        given().get(items).then().body("items[0].status", equalTo("READY"));
        given().queryParam("asOf", "2000-01-01T00:00:00Z").get(items + "/" + id).then().statusCode(404);
    }

    @Test
    void priority_explains_the_score_with_its_components_and_the_events_behind_them() {
        String id = create(readyStory("Explain me", 5, 8, 5, 2)).path("id");
        json().body(Map.of("timeCriticality", 13)).patch(items + "/" + id).then().statusCode(200);

        given().get(items + "/" + id + "/priority").then().statusCode(200)
                .body("model", equalTo("WSJF"))
                .body("components.costOfDelay", equalTo(23))
                .body("components.jobSize", equalTo(5))
                .body("score", equalTo(4.6f))
                .body("rank", equalTo(1))
                .body("causes.eventType", contains("ItemEstimated", "CostOfDelayAssessed"))
                .body("causes[1].components", contains("businessValue", "timeCriticality", "riskReduction"));

        // each part shows the event that set it last, and the causes come in the order of those events
        json().body(Map.of("jobSize", 8)).patch(items + "/" + id).then().statusCode(200);
        json().body(Map.of("position", 1, "reason", "Demo first")).put(items + "/" + id + "/pin").then().statusCode(200);
        given().delete(items + "/" + id + "/pin").then().statusCode(200);
        given().get(items + "/" + id + "/priority").then().statusCode(200)
                .body("components.jobSize", equalTo(8))
                .body("causes.eventType", contains("CostOfDelayAssessed", "ItemEstimated"));
        json().body(Map.of("position", 1, "reason", "Demo first after all")).put(items + "/" + id + "/pin").then().statusCode(200);
        given().get(items + "/" + id + "/priority").then().statusCode(200)
                .body("causes.eventType", contains("CostOfDelayAssessed", "ItemEstimated", "ItemPinned"))
                .body("pin.reason", equalTo("Demo first after all"));
    }

    @Test
    void rebuilding_the_read_model_from_the_events_gives_the_same_backlog() throws SQLException {
        for (int i = 0; i < 5; i++) {
            String id = create(readyStory("Rebuild " + i, List.of(1, 2, 3, 5, 8).get(i), 8, 5, 2)).path("id");
            if (i % 2 == 0) {
                transition(id, "READY");
            }
        }
        // more items than one replay batch holds (500), so the rebuild writes batches while it prepares the next
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(readyStory("Rebuild batch " + i, List.of(1, 2, 3, 5, 8).get(i % 5), List.of(1, 3, 8, 13).get(i % 4),
                    List.of(1, 2, 3, 5, 8, 13, 20).get(i % 7), 2));
        }
        json().body(Map.of("items", many)).post(items + "/batch").then().statusCode(201);
        List<String> before = everyPage();
        assertThat(String.join("", before)).contains("Rebuild 0", "Rebuild batch 0", "Rebuild batch 999");
        given().post("/api/v1/admin/projections/backlog-items/rebuild").then().statusCode(200)
                // the store holds the other tests' products too
                .body("eventsReplayed", greaterThanOrEqualTo(5 * 4 + 3 + 1000 * 4));
        assertThat(everyPage()).isEqualTo(before);
        assertEachItemShowsTheRankOfTheList();

        // ranks of single items come from counts per sort key, which a rebuild counts afresh (here: after they were lost)
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY))) {
            connection.createStatement().execute("DELETE FROM backlog_rank_counts");
        }
        given().post("/api/v1/admin/projections/backlog-items/rebuild").then().statusCode(200);
        assertEachItemShowsTheRankOfTheList();

        // a write while a rebuild runs waits for it and lands in the rebuilt table
        CompletableFuture<Integer> rebuilding = CompletableFuture.supplyAsync(() ->
                given().post("/api/v1/admin/projections/backlog-items/rebuild").then().extract().statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> rebuildRunning() || rebuilding.isDone());
        String during = create(readyStory("Created during a rebuild", 1, 20, 20, 20)).path("id");
        assertThat(rebuilding.join()).isEqualTo(200);
        given().get(items + "/" + during).then().statusCode(200).body("title", equalTo("Created during a rebuild"));
        assertThat(String.join("", everyPage())).contains(during);
        // the rebuilt table keeps counting: an item created now ranks ahead of the others, and they move down
        create(readyStory("Created after the rebuilds", 1, 20, 20, 20));
        assertEachItemShowsTheRankOfTheList();
    }

    /** Every 25th item of the list, read on its own, shows the rank the list gives it. */
    private void assertEachItemShowsTheRankOfTheList() {
        List<Map<String, Object>> listed = pages(Map.of(), 200).stream()
                .flatMap(page -> page.jsonPath().<Map<String, Object>>getList("items").stream()).toList();
        assertThat(listed).hasSizeGreaterThan(1000);
        for (int i = 0; i < listed.size(); i += 25) {
            Map<String, Object> item = listed.get(i);
            given().get(items + "/" + item.get("id")).then().statusCode(200).body("rank", equalTo(item.get("rank")));
        }
    }

    /** Whether a rebuild of backlog_items holds its lock now (the admin endpoint answers only when it is done). */
    private static boolean rebuildRunning() throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             ResultSet locks = connection.createStatement().executeQuery("SELECT count(*) FROM pg_locks l "
                     + "JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'backlog_items' AND l.mode = 'ShareRowExclusiveLock' "
                     + "AND l.granted")) {
            locks.next();
            return locks.getInt(1) > 0;
        }
    }

    /** The whole backlog as its pages of 200 read. */
    private List<String> everyPage() {
        return pages(Map.of(), 200).stream().map(ExtractableResponse::asString).toList();
    }
}
