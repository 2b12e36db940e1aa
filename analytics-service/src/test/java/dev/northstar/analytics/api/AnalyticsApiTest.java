package dev.northstar.analytics.api;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.eventstore.EventTooLarge;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.ShareLinkEvents;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class AnalyticsApiTest {
    @TestHTTPResource("/")
    URL base;

    UUID product;
    String metrics;

    @BeforeEach
    void product() {
        TestTokens.useForEveryRequest(TestTokens.everything("analyst@example.com"));
        product = UUID.randomUUID();
        metrics = "/api/v1/products/" + product + "/metrics";
    }

    UUID feedback(int rating, String sentiment, String customer, String account, int value) {
        UUID id = UUID.randomUUID();
        EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id,
                "{\"feedbackId\":\"" + id + "\",\"productId\":\"" + product + "\",\"source\":\"SURVEY\",\"customer\":{\"customerId\":\""
                        + customer + "\",\"account\":\"" + account + "\",\"accountValue\":" + value + "},\"text\":\"x\",\"rating\":"
                        + rating + ",\"tags\":[],\"sentiment\":{\"score\":0.5,\"label\":\"" + sentiment + "\"}}");
        return id;
    }

    /** The event's own metric changes are out: a refresh marks its metrics anew instead of joining a pending change. */
    void awaitChangesPublished() {
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM dirty_metrics WHERE product_id = ?", product) == 0);
    }

    void awaitFacts(String table, long expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM " + table + " WHERE product_id = ?", product) == expected);
    }

    @Test
    void feedback_becomes_volume_nps_and_sentiment() {
        feedback(10, "POSITIVE", "c-1", "Acme", 100);
        feedback(9, "POSITIVE", "c-2", "Acme", 100);
        feedback(3, "NEGATIVE", "c-3", "Globex", 50);
        awaitFacts("feedback_facts", 3);

        given().get(metrics).then().statusCode(200)
                .body("'feedback.volume'.total", equalTo(3))
                .body("'feedback.volume'.last24Hours", equalTo(3))
                .body("'nps.30d'.score", equalTo(33))
                .body("'nps.30d'.promoters", equalTo(2))
                .body("'nps.30d'.detractors", equalTo(1))
                .body("'sentiment.30d'.positive", equalTo(2))
                .body("'sentiment.30d'.negative", equalTo(1));
        given().queryParam("metric", "feedback.volume").queryParam("interval", "DAY").get(metrics + "/series")
                .then().statusCode(200).body("", hasSize(1)).body("[0].value", equalTo(3));
        given().queryParam("metric", "nope").get(metrics + "/series").then().statusCode(400);
        given().get("/api/v1/products/" + UUID.randomUUID() + "/metrics").then().statusCode(404);
    }

    @Test
    void a_rebuild_from_the_events_gives_the_same_metrics() throws Exception {
        feedback(10, "POSITIVE", "c-1", "Acme", 100);
        feedback(4, "NEGATIVE", "c-2", "Globex", 100);
        awaitFacts("feedback_facts", 2);
        String before = given().get(metrics).then().statusCode(200).extract().asString();
        // lose a fact behind the service's back: only a replay of the events can bring it back
        try (var connection = java.sql.DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             var delete = connection.prepareStatement("DELETE FROM feedback_facts WHERE product_id = ? AND rating = 4")) {
            delete.setObject(1, product);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        assertThat(given().get(metrics).then().extract().asString()).isNotEqualTo(before);

        given().post("/api/v1/admin/analytics/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "DONE".equals(given().get("/api/v1/admin/consumers/facts/rebuild").then().extract().path("state")));
        assertThat(given().get(metrics).then().extract().asString()).isEqualTo(before);
    }

    @Test
    void a_redelivered_event_counts_once() {
        UUID id = UUID.randomUUID();
        String payload = "{\"feedbackId\":\"" + id + "\",\"productId\":\"" + product + "\",\"customer\":{\"customerId\":\"c\"},"
                + "\"text\":\"x\",\"rating\":10,\"sentiment\":{\"label\":\"POSITIVE\"}}";
        UUID eventId = EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id, payload);
        EventPublisher.publish(eventId, Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id, payload);
        feedback(0, "NEGATIVE", "c-9", "Z", 1);
        awaitFacts("feedback_facts", 2);
        given().get(metrics).then().body("'feedback.volume'.total", equalTo(2)).body("'nps.30d'.score", equalTo(0));
    }

    @Test
    void demand_counts_customers_votes_and_account_value_per_target() {
        UUID initiative = UUID.randomUUID();
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeAdded", product, initiative,
                "{\"initiativeId\":\"" + initiative + "\",\"productId\":\"" + product + "\",\"title\":\"Apple Pay\",\"horizon\":\"NEXT\"}");
        UUID f1 = feedback(8, "NEUTRAL", "c-1", "Acme", 1000);
        EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackLinked", product, f1,
                "{\"productId\":\"" + product + "\",\"target\":{\"type\":\"INITIATIVE\",\"id\":\"" + initiative + "\"}}");
        UUID vote = UUID.randomUUID();
        EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "VoteCast", product, vote,
                "{\"voteId\":\"" + vote + "\",\"productId\":\"" + product + "\",\"target\":{\"type\":\"INITIATIVE\",\"id\":\"" + initiative
                        + "\"},\"customerId\":\"c-2\",\"account\":\"Globex\",\"accountValue\":500}");
        // the roadmap and feedback topics are consumed in parallel: wait for all three facts, in whatever order they land
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM vote_facts WHERE product_id = ?", product) == 1
                && count("SELECT count(*) FROM demand_links WHERE product_id = ?", product) == 1
                && count("SELECT count(*) FROM initiative_facts WHERE product_id = ?", product) == 1);

        given().get(metrics).then()
                .body("demand[0].title", equalTo("Apple Pay"))
                .body("demand[0].feedback", equalTo(1))
                .body("demand[0].votes", equalTo(1))
                .body("demand[0].uniqueCustomers", equalTo(2))
                .body("demand[0].accounts", equalTo(2))
                .body("demand[0].accountValue", equalTo(1500.0f))
                .body("'roadmap.progress'[0].title", equalTo("Apple Pay"));
    }

    /**
     * Demand over 3,000 targets: the demand metric lists the 100 with the most, an event far under the limit; every
     * target's own demand is a DemandChanged of its own, and a new vote publishes only its target's again.
     */
    @Test
    void demand_over_thousands_of_targets_is_published_per_target_and_the_metric_stays_bounded() {
        List<UUID> targets = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            UUID target = UUID.randomUUID();
            targets.add(target);
            vote(target, "c-" + i, 100 + i);
        }
        EventPublisher.flush();
        await().atMost(Duration.ofSeconds(90)).until(() -> count("SELECT count(*) FROM vote_facts WHERE product_id = ?", product) == 3000);
        awaitChangesPublished();
        given().get(metrics).then().body("demand", hasSize(100)).body("demand[0].targetId", equalTo(targets.getLast().toString()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.ANALYTICS_METRICS, Duration.ofMillis(500))
                    .stream().filter(r -> r.key().startsWith(product + "/")).toList();
            assertThat(records).filteredOn(r -> r.key().equals(product + "/demand")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.serializedValueSize()).isLessThan(EventTooLarge.LIMIT_BYTES));
            assertThat(records).filteredOn(r -> r.key().startsWith(product + "/demand/"))
                    .extracting(ConsumerRecord::key).doesNotHaveDuplicates().hasSize(3000);
        });

        vote(targets.getFirst(), "c-late", 5000);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readAll(Topics.ANALYTICS_METRICS,
                Duration.ofMillis(500)).stream().filter(r -> r.key().startsWith(product + "/demand/")).toList())
                .hasSize(3001).filteredOn(r -> r.key().endsWith(targets.getFirst().toString())).hasSize(2)
                .last().satisfies(r -> assertThat(r.value()).contains("\"accounts\":2")));
    }

    private void vote(UUID item, String customer, int value) {
        UUID vote = UUID.randomUUID();
        EventPublisher.publishWithoutWaiting(Topics.FEEDBACK_EVENTS, "feedback", "VoteCast", product, vote,
                "{\"voteId\":\"" + vote + "\",\"productId\":\"" + product + "\",\"target\":{\"type\":\"BACKLOG_ITEM\",\"id\":\""
                        + item + "\"},\"customerId\":\"" + customer + "\",\"account\":\"A-" + customer + "\",\"accountValue\":" + value + "}");
    }

    @Test
    void delivery_shows_work_in_progress_throughput_and_lead_time() {
        UUID done = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        for (UUID item : List.of(done, open)) {
            EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemCreated", product, item,
                    "{\"itemId\":\"" + item + "\",\"productId\":\"" + product + "\",\"type\":\"STORY\",\"title\":\"t\"}");
        }
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "WorkStarted", product, open, "{}");
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemAccepted", product, done, "{\"acceptedBy\":\"po\"}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM item_facts WHERE product_id = ? AND status <> 'NEW'", product) == 2);

        given().get(metrics).then()
                .body("delivery.workInProgress.IN_PROGRESS", equalTo(1))
                .body("delivery.acceptedPerWeek[0].accepted", equalTo(1))
                .body("delivery.leadTime.samples", equalTo(1));
    }

    @Test
    void delivery_shows_each_weeks_rejection_rate_and_first_time_acceptance_rate() {
        UUID reworked = UUID.randomUUID();
        UUID rightFirstTime = UUID.randomUUID();
        for (UUID item : List.of(reworked, rightFirstTime)) {
            EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemCreated", product, item,
                    "{\"itemId\":\"" + item + "\",\"productId\":\"" + product + "\",\"type\":\"STORY\",\"title\":\"t\"}");
        }
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemRejected", product, reworked,
                "{\"reason\":\"dates\",\"rejectedBy\":\"po\",\"criteria\":[]}");
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemAccepted", product, reworked, "{\"acceptedBy\":\"po\"}");
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemAccepted", product, rightFirstTime,
                "{\"acceptedBy\":\"po\",\"criteria\":[]}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM review_facts WHERE product_id = ?", product) == 3);

        given().get(metrics).then()
                .body("delivery.reviewsPerWeek", hasSize(1))
                .body("delivery.reviewsPerWeek[0].accepted", equalTo(2))
                .body("delivery.reviewsPerWeek[0].rejected", equalTo(1))
                .body("delivery.reviewsPerWeek[0].rejectionRate", equalTo(0.33f))
                .body("delivery.reviewsPerWeek[0].firstTimeAcceptanceRate", equalTo(0.5f));
    }

    /** A dashboard share link made in integrations-service (its event published as that service would) opens the metrics. */
    @Test
    void a_dashboard_share_link_opens_the_products_metrics_without_a_token_until_it_is_revoked() throws Exception {
        feedback(10, "POSITIVE", "c-1", "Acme", 100);
        awaitFacts("feedback_facts", 1);
        String token = "nss_" + UUID.randomUUID();
        UUID link = ShareLinkEvents.created(product, token, "DASHBOARD", null);
        TestTokens.useForEveryRequest(null);
        String shared = "/api/v1/shared/" + token + "/metrics";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(shared).then().statusCode(200)
                .body("'nps.30d'.responses", equalTo(1)));
        given().get(metrics).then().statusCode(401);
        given().get("/api/v1/shared/nss_guess/metrics").then().statusCode(404).contentType("application/problem+json");
        HttpResponse<Stream<String>> open = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + shared.substring(1) + "/stream")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(open.statusCode()).isEqualTo(200);
        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> open.body().count());

        ShareLinkEvents.revoked(product, link);
        Instant revoked = Instant.now();
        // the open stream ends within 5 s of the revocation
        ended.get(10, TimeUnit.SECONDS);
        assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(shared).then().statusCode(404));
        given().get(shared + "/stream").then().statusCode(404);
    }

    /**
     * A public dashboard link shows feedback, NPS, sentiment, delivery, roadmap progress and release impact, and none of
     * demand (account values), the backlog (pins by staff), competitors or key results, nor an initiative's business
     * case or health report; in its snapshot and on its stream alike. An INTERNAL link shows every metric.
     */
    @Test
    void a_public_dashboard_link_shows_no_internal_metric_or_field_and_an_internal_one_shows_them_all() throws Exception {
        feedback(10, "POSITIVE", "c-1", "Acme", 100);
        UUID initiative = UUID.randomUUID();
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeAdded", product, initiative,
                "{\"initiativeId\":\"" + initiative + "\",\"productId\":\"" + product + "\",\"title\":\"Wallets\",\"horizon\":\"NOW\"}");
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeHealthReported", product, initiative,
                "{\"productId\":\"" + product + "\",\"status\":\"AT_RISK\",\"text\":\"The wallet vendor slipped\","
                        + "\"reportedAt\":\"2026-11-30T09:00:00Z\",\"reportedBy\":\"pm@example.com\"}");
        awaitFacts("feedback_facts", 1);
        String open = dashboardLink(null);
        String inside = dashboardLink("INTERNAL");
        TestTokens.useForEveryRequest(null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/shared/" + open + "/metrics").then()
                .statusCode(200).body("'roadmap.progress'[0].title", equalTo("Wallets")).body("'nps.30d'.responses", equalTo(1)));

        String shown = given().get("/api/v1/shared/" + open + "/metrics").then().extract().asString();
        assertThat(given().get("/api/v1/shared/" + open + "/metrics").then().extract().jsonPath().getMap("").keySet())
                .containsExactlyInAnyOrder("feedback.volume", "nps.30d", "sentiment.30d", "delivery", "roadmap.progress",
                        "releases.impact");
        assertThat(List.of("demand", "backlog", "competitors", "keyResults", "accountValue", "pinnedBy", "businessCase",
                "health", "The wallet vendor slipped", "@example.com", "causedBy"))
                .allSatisfy(field -> assertThat(shown).as("the public dashboard").doesNotContain(field));

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "api/v1/shared/" + open + "/metrics/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(() -> {
            try (Stream<String> lines = stream.body()) {
                lines.filter(line -> line.startsWith("data:")).forEach(events::add);
            } catch (UncheckedIOException closed) {
                // the test ends the stream
            }
        });
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(events.poll(10, TimeUnit.SECONDS));
        }
        assertThat(first).doesNotContainNull().allSatisfy(event -> {
            assertThat(event).containsAnyOf("feedback.volume", "nps.30d", "sentiment.30d", "delivery", "roadmap.progress",
                    "releases.impact");
            assertThat(event).doesNotContain("businessCase", "The wallet vendor slipped", "@example.com", "demand");
        });
        stream.body().close();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/shared/" + inside + "/metrics").then()
                .statusCode(200).body("'roadmap.progress'[0].health.text", equalTo("The wallet vendor slipped"))
                .body("demand", notNullValue()).body("backlog", notNullValue()));
    }

    private String dashboardLink(String audience) {
        String token = "nss_" + UUID.randomUUID();
        ShareLinkEvents.created(product, token, "DASHBOARD", audience);
        return token;
    }

    @Test
    void roadmap_progress_shows_each_initiatives_latest_health_report() {
        UUID initiative = UUID.randomUUID();
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeAdded", product, initiative,
                "{\"initiativeId\":\"" + initiative + "\",\"productId\":\"" + product + "\",\"title\":\"Wallets\",\"horizon\":\"NOW\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then()
                .body("'roadmap.progress'[0].title", equalTo("Wallets")).body("'roadmap.progress'[0].health", nullValue()));
        for (String[] report : new String[][]{{"AT_RISK", "The wallet vendor slipped"}, {"OFF_TRACK", "The vendor is gone"}}) {
            EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeHealthReported", product, initiative,
                    "{\"productId\":\"" + product + "\",\"status\":\"" + report[0] + "\",\"text\":\"" + report[1]
                            + "\",\"reportedAt\":\"2026-11-30T09:00:00Z\",\"reportedBy\":\"pm@example.com\"}");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then()
                .body("'roadmap.progress'[0].health.status", equalTo("OFF_TRACK"))
                .body("'roadmap.progress'[0].health.text", equalTo("The vendor is gone"))
                .body("'roadmap.progress'[0].health.reportedAt", equalTo("2026-11-30T09:00:00Z")));
    }

    @Test
    void a_discarded_item_stops_counting_in_demand_work_in_progress_and_progress_until_it_is_restored() {
        UUID initiative = UUID.randomUUID();
        UUID item = UUID.randomUUID();
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeAdded", product, initiative,
                "{\"initiativeId\":\"" + initiative + "\",\"productId\":\"" + product + "\",\"title\":\"Wallets\",\"horizon\":\"NOW\"}");
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemCreated", product, item,
                "{\"itemId\":\"" + item + "\",\"productId\":\"" + product + "\",\"type\":\"STORY\",\"title\":\"Save a card\"}");
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemLinkedToInitiative", product, item,
                "{\"initiativeId\":\"" + initiative + "\"}");
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "WorkStarted", product, item, "{}");
        UUID asking = feedback(9, "POSITIVE", "c-1", "Acme", 1000);
        EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackLinked", product, asking,
                "{\"productId\":\"" + product + "\",\"target\":{\"type\":\"BACKLOG_ITEM\",\"id\":\"" + item + "\"}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM item_facts WHERE product_id = ? AND status = 'IN_PROGRESS' AND initiative_id IS NOT NULL", product) == 1
                && count("SELECT count(*) FROM demand_links WHERE product_id = ?", product) == 1
                && count("SELECT count(*) FROM feedback_facts WHERE product_id = ?", product) == 1
                && count("SELECT count(*) FROM initiative_facts WHERE product_id = ?", product) == 1);
        given().get(metrics).then()
                .body("delivery.workInProgress.IN_PROGRESS", equalTo(1))
                .body("demand.title", contains("Save a card"))
                .body("'roadmap.progress'[0].items", equalTo(1));

        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemDiscarded", product, item,
                "{\"reason\":\"won't do\",\"discardedBy\":\"po\",\"from\":\"IN_PROGRESS\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then()
                .body("delivery.workInProgress.IN_PROGRESS", equalTo(0))
                .body("delivery.workInProgress", not(hasKey("DISCARDED")))
                .body("demand", hasSize(0))
                .body("'roadmap.progress'[0].items", equalTo(0)));

        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemRestored", product, item, "{\"restoredBy\":\"po\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then()
                .body("delivery.workInProgress.NEW", equalTo(1))
                .body("demand.title", contains("Save a card"))
                .body("'roadmap.progress'[0].items", equalTo(1)));
    }

    @Test
    void the_backlog_metric_shows_the_model_in_use_and_the_open_pinned_items() {
        UUID pinned = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        for (UUID item : List.of(pinned, other)) {
            EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemCreated", product, item,
                    "{\"itemId\":\"" + item + "\",\"productId\":\"" + product + "\",\"type\":\"STORY\",\"title\":\"Item " + item + "\"}");
        }
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemPinned", product, pinned,
                "{\"sortKey\":61,\"place\":{\"above\":\"" + other + "\"},\"reason\":\"The launch needs it\",\"pinnedBy\":\"po\","
                        + "\"pinnedAt\":\"2026-11-29T12:00:00Z\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then()
                .body("backlog.scoringModel", equalTo("WSJF"))
                .body("backlog.pins.itemId", contains(pinned.toString()))
                .body("backlog.pins[0].reason", equalTo("The launch needs it"))
                .body("backlog.pins[0].pinnedBy", equalTo("po")));

        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemUnpinned", product, pinned, "{\"unpinnedBy\":\"po\"}");
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ScoringModelChanged", product, product,
                "{\"productId\":\"" + product + "\",\"model\":{\"kind\":\"RICE\",\"fields\":[]}}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then()
                .body("backlog.pins", hasSize(0))
                .body("backlog.scoringModel", equalTo("RICE")));
    }

    /** 160 pins with reasons of 2,000 three-byte characters: the metric lists the 25 newest, an event far under the limit. */
    @Test
    void the_backlog_metric_lists_the_newest_pins_and_stays_bounded_however_many_there_are() {
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            UUID item = UUID.randomUUID();
            items.add(item);
            EventPublisher.publishWithoutWaiting(Topics.BACKLOG_EVENTS, "backlog", "ItemCreated", product, item,
                    "{\"itemId\":\"" + item + "\",\"productId\":\"" + product + "\",\"type\":\"STORY\",\"title\":\"Item " + i + "\"}");
            EventPublisher.publishWithoutWaiting(Topics.BACKLOG_EVENTS, "backlog", "ItemPinned", product, item,
                    "{\"sortKey\":" + i + ",\"place\":{\"position\":1},\"reason\":\"" + "€".repeat(2000) + "\",\"pinnedBy\":\"po\","
                            + "\"pinnedAt\":\"" + Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i) + "\"}");
        }
        EventPublisher.flush();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(metrics).then()
                .body("backlog.pins", hasSize(25))
                .body("backlog.pins[0].itemId", equalTo(items.getLast().toString())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicReader.readAll(Topics.ANALYTICS_METRICS,
                Duration.ofMillis(300)).stream().filter(r -> (product + "/backlog").equals(r.key())).toList())
                .isNotEmpty().allSatisfy(r -> assertThat(r.serializedValueSize()).isLessThan(EventTooLarge.LIMIT_BYTES)));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM outbox") == 0);
    }

    @Test
    void every_change_is_pushed_on_the_sse_stream_and_the_compacted_metrics_topic() throws Exception {
        feedback(9, "POSITIVE", "c-1", "Acme", 100);
        awaitFacts("feedback_facts", 1);

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/products/" + product + "/metrics/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + TestTokens.token("dashboard", java.util.Set.of("viewer"), product.toString()))
                .build();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (Stream<String> lines = response.get().body()) {
                lines.filter(line -> line.startsWith("data:")).forEach(events::add);
            } catch (Exception e) {
                // the test ends the stream
            }
        });
        // first the current values of all six metrics
        for (int i = 0; i < 6; i++) {
            assertThat(events.poll(10, TimeUnit.SECONDS)).as("current value %d", i).isNotNull();
        }

        Instant sent = Instant.now();
        feedback(2, "NEGATIVE", "c-2", "Acme", 100);
        // a value sent already may come again (an update in flight when the stream started); the new one must follow
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String update = null;
        while (update == null || !(update.contains("feedback.volume") && update.contains("\"total\":2"))) {
            update = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(update).as("the feedback.volume update with both feedbacks within 5 s").isNotNull();
        }
        System.out.printf("feedback.volume update on the SSE stream %d ms after the event%n",
                Duration.between(sent, Instant.now()).toMillis());
        assertThat(update).contains("\"total\":2").contains("northstar.feedback.FeedbackSubmitted.v1");
        reader.interrupt();

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.ANALYTICS_METRICS, Duration.ofMillis(500))
                .stream().filter(r -> r.key().startsWith(product + "/")).toList();
        assertThat(records).extracting(ConsumerRecord::key).contains(product + "/feedback.volume", product + "/nps.30d");
        assertThat(TopicReader.header(records.getFirst(), Headers.TYPE)).isEqualTo("northstar.analytics.MetricChanged.v1");
    }

    @jakarta.inject.Inject
    dev.northstar.analytics.application.MetricChanges changes;

    @Test
    void delivery_is_republished_as_its_weeks_move_on() {
        UUID item = UUID.randomUUID();
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemCreated", product, item,
                "{\"itemId\":\"" + item + "\",\"productId\":\"" + product + "\",\"type\":\"STORY\",\"title\":\"Done soon\"}");
        EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemAccepted", product, item, "{\"acceptedBy\":\"po@example.com\"}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM item_facts WHERE product_id = ? AND accepted_at IS NOT NULL", product) == 1);
        awaitChangesPublished();

        changes.refreshTimeWindows();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                TopicReader.readAll(Topics.ANALYTICS_METRICS, Duration.ofMillis(300)).stream()
                        .filter(r -> r.key().equals(product + "/delivery") && r.value().contains("WindowMoved")))
                .isNotEmpty());
    }

    @Test
    void time_windowed_metrics_are_republished_as_time_passes_without_events() {
        feedback(9, "POSITIVE", "c-1", "Acme", 100);
        awaitFacts("feedback_facts", 1);
        awaitChangesPublished();

        assertThat(changes.refreshTimeWindows()).isGreaterThanOrEqualTo(3);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> refreshed = TopicReader.readAll(Topics.ANALYTICS_METRICS, Duration.ofMillis(300))
                    .stream().filter(r -> r.key().startsWith(product + "/") && r.value().contains("WindowMoved")).toList();
            assertThat(refreshed).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder(product + "/feedback.volume", product + "/nps.30d", product + "/sentiment.30d");
            assertThat(refreshed.getFirst().value()).contains("\"causedByType\":\"northstar.analytics.WindowMoved\"");
        });
    }
}
