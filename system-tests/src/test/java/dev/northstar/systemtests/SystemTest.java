package dev.northstar.systemtests;

import dev.northstar.client.backlog.api.BacklogApi;
import dev.northstar.client.backlog.model.CreateItemRequest;
import dev.northstar.client.backlog.model.ItemType;
import dev.northstar.client.backlog.model.ItemView;
import dev.northstar.client.roadmap.api.InitiativesAndRoadmapApi;
import dev.northstar.client.roadmap.api.ProductsAndThemesApi;
import dev.northstar.client.roadmap.model.AddInitiativeRequest;
import dev.northstar.client.roadmap.model.AddThemeRequest;
import dev.northstar.client.roadmap.model.CreateProductRequest;
import dev.northstar.client.roadmap.model.Horizon;
import dev.northstar.client.roadmap.model.InitiativeView;
import dev.northstar.client.roadmap.model.MoveRequest;
import dev.northstar.client.roadmap.model.ProductView;
import dev.northstar.client.roadmap.model.ThemeView;
import dev.northstar.devstack.Devstack;
import dev.northstar.devstack.ServiceProcess;
import dev.northstar.platform.testing.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The loops the product exists for, end to end and black-box: PostgreSQL, Kafka and every service run as
 * processes (the packaged jars, as in the local run); the tests speak HTTP only (and drive a real
 * headless Chromium for the dashboard).
 */
class SystemTest {
    /** A roadmap move reorders the backlog within this bound. */
    static final Duration REORDER_BOUND = Duration.ofSeconds(5);
    /** Feedback shows up as a metric change on the SSE stream, and on the dashboard, within this bound. */
    static final Duration METRIC_BOUND = Duration.ofSeconds(5);

    static Devstack stack;
    static Path data;
    static String roadmap;
    static String backlog;
    static String feedback;
    static String analytics;
    static String integrations;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("northstar-system-test");
        // PostgreSQL's and Kafka's ports below Linux's ephemeral range (32768-60999), where an outgoing connection may
        // hold a port just when the test wants to listen on it
        stack = Devstack.start(new Devstack.Settings(root, data, 27432, null, "postgres", "postgres", 29492, 29493,
                Map.of("roadmap-service", 18381, "backlog-service", 18382, "feedback-service", 18383, "analytics-service", 18384, "integrations-service", 18385)));
        roadmap = stack.service("roadmap-service").url();
        backlog = stack.service("backlog-service").url();
        feedback = stack.service("feedback-service").url();
        analytics = stack.service("analytics-service").url();
        integrations = stack.service("integrations-service").url();
        // requests without a token of their own act with every role for every product
        dev.northstar.platform.testing.TestTokens.useForEveryRequest(stack.signingKey().everything("system-test@localhost"));
    }

    static String viewerOf(String product) {
        return stack.signingKey().mint("viewer@localhost", List.of("viewer"), List.of(product), Duration.ofHours(1));
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (stack != null) {
            stack.close();
            Devstack.deleteStoresOf(data);
        }
    }

    static RequestSpecification json(String actor) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + stack.signingKey().everything(actor));
    }

    @Test
    void moving_an_initiative_to_now_reorders_the_backlog_and_priority_says_why() {
        Initiative saved = productWithInitiative("System test product", "LATER");
        String product = saved.product();
        String initiative = saved.initiative();
        String base = roadmap + "/api/v1/products/" + product;
        String items = backlog + "/api/v1/products/" + product + "/backlog/items";

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

    /**
     * The product owner's pin against the roadmap: an item pinned below another holds there when the product manager
     * moves its initiative to NOW (its own score would put it first; the item it is pinned below rises past an
     * unlinked one and the pin follows it), and the events say so; the pins show where its score alone would put it,
     * and analytics' backlog metric (the dashboard's tile) lists the pin.
     */
    @Test
    void a_pinned_item_holds_its_place_when_the_roadmap_moves_its_initiative() {
        Initiative saved = productWithInitiative("Pinned product", "LATER");
        String product = saved.product();
        String initiative = saved.initiative();
        String items = backlog + "/api/v1/products/" + product + "/backlog/items";

        String pinned = item(items, "Save a card", 5, initiative);            // 5.00, in NOW 9.00
        String unlinked = item(items, "Fix a rounding bug", 8, null);         // 6.50
        String other = item(items, "Pay with a saved card", 3, initiative);   // 4.00, in NOW 7.00
        json("po@example.com").body(Map.of("below", other, "reason", "Wait for the card vault audit"))
                .put(items + "/" + pinned + "/pin").then().statusCode(200).body("rank", equalTo(3));
        assertThat(order(items)).containsExactly(unlinked, other, pinned);

        json("pm@example.com").body(Map.of("horizon", "NOW"))
                .post(roadmap + "/api/v1/products/" + product + "/initiatives/" + initiative + "/move").then().statusCode(200);

        await().atMost(REORDER_BOUND).until(() -> order(items).equals(List.of(other, pinned, unlinked)));
        given().get(items + "/" + pinned + "/history").then()
                .body("find { it.type == 'ItemReprioritized' }.data.pinHeld", equalTo(true))
                .body("find { it.type == 'ItemReprioritized' }.data.newScore", equalTo(9.0f))
                .body("[-1].type", equalTo("ItemPinned"))
                .body("[-1].data.place.below", equalTo(other));
        given().get(backlog + "/api/v1/products/" + product + "/backlog/pins").then().statusCode(200)
                .body("pins.itemId", contains(pinned))
                .body("pins[0].rank", equalTo(2))
                .body("pins[0].scoreRank", equalTo(1))
                .body("pins[0].pin.reason", equalTo("Wait for the card vault audit"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(analytics + "/api/v1/products/" + product + "/metrics")
                .then().statusCode(200)
                .body("backlog.pins.itemId", contains(pinned))
                .body("backlog.pins[0].reason", equalTo("Wait for the card vault audit")));
    }

    /**
     * A what-if across the services: the product owner asks how the backlog would rank under RICE, now and as it was
     * before the roadmap moved its initiative. The answer is computed from the events and changes nothing: no event
     * is recorded, the order and the model stay, analytics still shows WSJF.
     */
    @Test
    void a_what_if_answers_another_models_ranking_and_changes_nothing() {
        Initiative saved = productWithInitiative("What-if product", "LATER");
        String product = saved.product();
        String base = backlog + "/api/v1/products/" + product + "/backlog";
        String items = base + "/items";
        String linked = item(items, "Save a card", 5, saved.initiative());    // 5.00, in NOW 9.00
        String unlinked = item(items, "Fix a rounding bug", 8, null);          // 6.50
        Instant beforeTheMove = Instant.now();
        await().until(() -> Instant.now().isAfter(beforeTheMove));
        json("pm@example.com").body(Map.of("horizon", "NOW"))
                .post(roadmap + "/api/v1/products/" + product + "/initiatives/" + saved.initiative() + "/move").then().statusCode(200);
        await().atMost(REORDER_BOUND).until(() -> order(items).equals(List.of(linked, unlinked)));
        int linkedEvents = given().get(items + "/" + linked + "/history").then().extract().path("size()");

        json("po@example.com").body(Map.of("model", Map.of("model", "ICE"))).post(base + "/what-if").then().statusCode(200)
                .body("model", equalTo("ICE"))
                .body("unscored", equalTo(2))
                .body("ranking.itemId", contains(linked, unlinked))
                .body("ranking[0].missing", contains("impact", "confidence", "ease"));
        json("po@example.com").body(Map.of("model", Map.of("model", "WSJF"), "asOf", beforeTheMove.toString()))
                .post(base + "/what-if").then().statusCode(200)
                .body("ranking.itemId", contains(unlinked, linked))
                .body("ranking.oldScore", contains(6.5f, 5.0f))
                .body("moved", equalTo(0));

        assertThat(order(items)).containsExactly(linked, unlinked);
        given().get(base + "/scoring").then().body("model", equalTo("WSJF")).header("ETag", equalTo("\"0\""));
        given().get(items + "/" + linked + "/history").then().body("size()", equalTo(linkedEvents));
        given().get(analytics + "/api/v1/products/" + product + "/metrics").then().body("backlog.scoringModel", equalTo("WSJF"));
    }

    /**
     * The product owner's review across the services: a team member finishes the work, the product owner rejects it
     * naming the unmet criterion and accepts it the second time; another item of the initiative is discarded.
     * analytics-service, fed by Kafka, shows the week's rejection and first-time-acceptance rates, and the
     * initiative's progress without the discarded item.
     */
    @Test
    void reviews_and_discards_reach_the_delivery_and_progress_metrics() {
        Initiative saved = productWithInitiative("Reviewed product", "NOW");
        String product = saved.product();
        String initiative = saved.initiative();
        String items = backlog + "/api/v1/products/" + product + "/backlog/items";

        String reviewed = json("po@example.com").body(Map.of("type", "STORY", "title", "Save a card",
                        "story", Map.of("asA", "shopper", "iWant", "to save my card", "soThat", "I pay faster"),
                        "acceptanceCriteria", List.of("The card is offered next time"), "jobSize", 3, "initiativeId", initiative))
                .post(items).then().statusCode(201).extract().path("id");
        String dropped = item(items, "Save a second card", 3, initiative);
        String criterion = given().get(items + "/" + reviewed).then().extract().path("acceptanceCriteria[0].id");
        String teamToken = "Bearer " + stack.signingKey().mint("dev@example.com", List.of("team-member"), List.of(product),
                Duration.ofHours(1));
        Supplier<RequestSpecification> teamMember = () -> given().contentType(ContentType.JSON).header("Authorization", teamToken);
        String transitions = items + "/" + reviewed + "/transitions";

        json("po@example.com").body(Map.of("to", "READY")).post(transitions).then().statusCode(200);
        teamMember.get().body(Map.of("to", "IN_PROGRESS")).post(transitions).then().statusCode(200);
        teamMember.get().body(Map.of("to", "DONE")).post(transitions).then().statusCode(200);
        json("po@example.com").body(Map.of("to", "REJECTED", "reason", "Not offered on mobile",
                "criteria", List.of(Map.of("id", criterion, "met", false)))).post(transitions).then().statusCode(200)
                .body("lastRejection.unmetCriteria", contains(criterion));
        teamMember.get().body(Map.of("to", "DONE")).post(transitions).then().statusCode(200);
        json("po@example.com").body(Map.of("to", "ACCEPTED", "criteria", List.of(Map.of("id", criterion, "met", true))))
                .post(transitions).then().statusCode(200).body("status", equalTo("ACCEPTED"));
        json("po@example.com").body(Map.of("reason", "One saved card is enough")).post(items + "/" + dropped + "/discard")
                .then().statusCode(200).body("status", equalTo("DISCARDED"));

        String metrics = analytics + "/api/v1/products/" + product + "/metrics";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(metrics).then().statusCode(200)
                .body("delivery.reviewsPerWeek[0].accepted", equalTo(1))
                .body("delivery.reviewsPerWeek[0].rejected", equalTo(1))
                .body("delivery.reviewsPerWeek[0].rejectionRate", equalTo(0.5f))
                .body("delivery.reviewsPerWeek[0].firstTimeAcceptanceRate", equalTo(0.0f))
                .body("'roadmap.progress'[0].items", equalTo(1))
                .body("'roadmap.progress'[0].accepted", equalTo(1)));
    }

    /**
     * The generated-client check: Java clients generated at build time from roadmap's and backlog's OpenAPI documents
     * (openapi-generator, see the pom) drive a roadmap move into a backlog reorder with typed requests and answers,
     * and a refused request arrives as the documented problem.
     */
    @Test
    void clients_generated_from_the_openapi_documents_drive_a_roadmap_move_into_the_backlog() throws Exception {
        String token = "Bearer " + stack.signingKey().everything("generated-client@example.com");
        var roadmapClient = new dev.northstar.client.roadmap.ApiClient().setRequestInterceptor(r -> r.header("Authorization", token));
        roadmapClient.updateBaseUri(roadmap);
        var backlogClient = new dev.northstar.client.backlog.ApiClient().setRequestInterceptor(r -> r.header("Authorization", token));
        backlogClient.updateBaseUri(backlog);
        var products = new ProductsAndThemesApi(roadmapClient);
        var initiatives = new InitiativesAndRoadmapApi(roadmapClient);
        var items = new BacklogApi(backlogClient);

        ProductView product = products.productResourceCreate(new CreateProductRequest().name("Generated client product"), null);
        ThemeView theme = products.productResourceAddTheme(product.getId(),
                new AddThemeRequest().name("Retention").weight(BigDecimal.ONE), null);
        InitiativeView initiative = initiatives.initiativeResourceAdd(product.getId(), new AddInitiativeRequest()
                .title("Offline mode").themeId(theme.getId()).horizon(Horizon.LATER), null);
        await().atMost(Duration.ofSeconds(30)).ignoreException(dev.northstar.client.backlog.ApiException.class)
                .until(() -> items.knownRoadmapResourceGet(initiative.getId(), product.getId()) != null);

        ItemView linked = items.backlogResourceCreate(product.getId(), new CreateItemRequest().type(ItemType.STORY)
                .title("Sync when back online").jobSize(2).businessValue(5).timeCriticality(3).riskReduction(2)
                .initiativeId(initiative.getId()), null);
        BigDecimal before = linked.getScore();
        InitiativeView moved = initiatives.initiativeResourceMove(initiative.getId(), product.getId(),
                new MoveRequest().horizon(Horizon.NOW), "\"" + initiative.getVersion() + "\"");
        assertThat(moved.getHorizon()).isEqualTo(Horizon.NOW);
        await().atMost(REORDER_BOUND).until(() ->
                items.backlogResourceGet(linked.getId(), product.getId(), null).getScore().compareTo(before) > 0);

        assertThatThrownBy(() -> items.backlogResourceCreate(product.getId(), new CreateItemRequest().type(ItemType.STORY)
                .title("x".repeat(201)), null))
                .isInstanceOfSatisfying(dev.northstar.client.backlog.ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(400);
                    assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
                    assertThat(refused.getResponseBody()).contains("\"field\":\"title\"");
                });
    }

    static String productWithFeedbackEnabled() {
        String product = json("pm@example.com").body(Map.of("name", "Feedback product"))
                .post(roadmap + "/api/v1/products").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get(feedback + "/api/v1/products/" + product + "/feedback").statusCode() == 200);
        return product;
    }

    static void submitFeedback(String product, String customer, int rating, String text) {
        json("zendesk").body(Map.of("source", "SUPPORT", "customerId", customer, "account", "Acme", "accountValue", 1000,
                        "rating", rating, "text", text))
                .post(feedback + "/api/v1/products/" + product + "/feedback").then().statusCode(201);
    }

    @Test
    void feedback_submitted_over_http_shows_up_on_the_metrics_stream() throws Exception {
        String product = productWithFeedbackEnabled();
        submitFeedback(product, "c-1", 9, "Love it");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(analytics + "/api/v1/products/" + product + "/metrics")
                .statusCode() == 200);

        java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(analytics + "/api/v1/products/" + product + "/metrics/stream"))
                        .header("Authorization", "Bearer " + viewerOf(product)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var lines = response.get().body()) {
                lines.filter(line -> line.startsWith("data:")).forEach(events::add);
            } catch (Exception e) {
                // ends with the test
            }
        });
        for (int i = 0; i < 6; i++) {
            assertThat(events.poll(10, java.util.concurrent.TimeUnit.SECONDS)).as("current value %d", i).isNotNull();
        }

        long sent = System.nanoTime();
        submitFeedback(product, "c-2", 3, "The app crashes on save");
        // the stream may repeat a value it already sent (the first feedback's update can arrive after the current
        // values); what counts is that the new value arrives within the bound
        long deadline = sent + METRIC_BOUND.toNanos();
        String update = null;
        while (update == null || !(update.contains("\"nps.30d\"") && update.contains("\"responses\":2"))) {
            update = events.poll(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            assertThat(update).as("the NPS update with both responses within %s", METRIC_BOUND).isNotNull();
        }
        System.out.printf("NPS update on the SSE stream %d ms after the HTTP submission (bound %d ms)%n",
                (System.nanoTime() - sent) / 1_000_000, METRIC_BOUND.toMillis());
        assertThat(update).contains("\"score\":0").contains("\"responses\":2");
        reader.interrupt();
    }

    /**
     * The product manager sets an objective whose key results are NPS (computed from feedback) and a usage figure a tool
     * reports; feedback and measurements move them on the keyResults metric, with a status read from the trend.
     */
    @Test
    void key_results_follow_feedback_and_measurements_reported_from_outside() {
        String product = productWithFeedbackEnabled();
        String base = roadmap + "/api/v1/products/" + product;
        String objective = json("pm@example.com").body(Map.of("title", "Customers love paying with us", "period",
                        String.valueOf(Year.now(ZoneOffset.UTC).getValue() + 1),
                        "keyResults", List.of(Map.of("metric", "nps.30d", "baseline", 0, "target", 40, "northStar", true),
                                Map.of("metric", "weekly.checkouts", "unit", "checkouts", "baseline", 4000, "target", 6000))))
                .post(base + "/objectives").then().statusCode(201).extract().path("id");
        List<String> keyResults = given().get(base + "/objectives/" + objective).then().extract().path("keyResults.id");
        String metrics = analytics + "/api/v1/products/" + product + "/metrics";
        await().atMost(METRIC_BOUND.multipliedBy(4)).untilAsserted(() -> given().get(metrics).then().statusCode(200)
                .body("keyResults.status", contains("NO_DATA", "NO_DATA")));

        submitFeedback(product, "c-1", 10, "Paying is instant now");
        submitFeedback(product, "c-2", 6, "Still slow on mobile");
        submitFeedback(product, "c-3", 9, "Great");
        // a tool that knows usage reports it with a contributor token of this product alone
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + stack.signingKey().mint("usage-exporter",
                        List.of("contributor"), List.of(product), Duration.ofMinutes(5)))
                .body(Map.of("value", 4500)).post(base + "/key-results/" + keyResults.get(1) + "/measurements")
                .then().statusCode(201);

        // NPS (2 promoters - 1 detractor) / 3 = 33 of 40; checkouts 500 of 2,000; the year ahead has not begun
        await().atMost(METRIC_BOUND).untilAsserted(() -> given().get(metrics).then()
                .body("keyResults[0].actual", equalTo(33))
                .body("keyResults[0].progress", equalTo(0.83f))
                .body("keyResults[1].actual", equalTo(4500))
                .body("keyResults[1].progress", equalTo(0.25f))
                .body("keyResults.status", contains("ON_TRACK", "ON_TRACK")));
    }

    /**
     * The product manager's business case lifts the items of its initiative once the product owner lets business cases
     * count; a competitor the product manager adds is counted when lost-deal feedback names it.
     */
    @Test
    void a_business_case_lifts_its_items_and_feedback_naming_a_competitor_is_counted_against_it() {
        Initiative saved = productWithInitiative("Outcomes product", "LATER");
        String product = saved.product();
        String base = roadmap + "/api/v1/products/" + product;
        String items = backlog + "/api/v1/products/" + product + "/backlog/items";
        String linked = item(items, "Save a card", 5, saved.initiative());     // (5+3+2) / 2 = 5.00

        json("pm@example.com").body(Map.of("cost", 120000, "expectedValue", 480000, "confidence", 60, "timeToValueMonths", 3))
                .put(base + "/initiatives/" + saved.initiative() + "/business-case").then().statusCode(200)
                .body("roi", equalTo(1.4f));
        json("po@example.com").body(Map.of("businessCaseScaling", true))
                .put(backlog + "/api/v1/products/" + product + "/backlog/settings").then().statusCode(200);
        // 1 + 1.40 / 4 = 1.35: 10 x 1.35 / 2 = 6.75
        await().atMost(REORDER_BOUND).untilAsserted(() -> given().get(items + "/" + linked + "/priority").then()
                .body("score", equalTo(6.75f)).body("components.businessCaseFactor", equalTo(1.35f)));

        json("pm@example.com").body(Map.of("name", "Stripe", "keywords", List.of("stripe checkout")))
                .post(base + "/competitors").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get(feedback + "/api/v1/products/" + product + "/feedback").statusCode() == 200);
        // 422 until feedback-service has heard of the competitor; a refused submission records nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> json("crm").body(Map.of("source", "SALES", "customerId", "c-9",
                        "competitor", "Stripe", "lostDeal", true, "text", "Went with Stripe Checkout, saved cards everywhere"))
                .post(feedback + "/api/v1/products/" + product + "/feedback").statusCode() == 201);
        String metrics = analytics + "/api/v1/products/" + product + "/metrics";
        await().atMost(METRIC_BOUND.multipliedBy(4)).untilAsserted(() -> given().get(metrics).then()
                .body("'competitors.30d'.competitors[0].name", equalTo("Stripe"))
                .body("'competitors.30d'.competitors[0].mentions", equalTo(1))
                .body("'competitors.30d'.competitors[0].lostDeals", equalTo(1))
                .body("'roadmap.progress'[0].businessCase.roi", equalTo(1.4f)));
    }

    /**
     * The product manager ships a release: its notes and the changelog appear on analytics-service, and the comparison of
     * the product before and after the ship date changes when feedback arrives after it.
     */
    @Test
    void a_shipped_release_has_notes_and_its_before_and_after_comparison_follows_feedback_arriving_after_it() {
        Initiative saved = productWithInitiative("Release product", "NOW");
        String product = saved.product();
        String base = roadmap + "/api/v1/products/" + product;
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get(feedback + "/api/v1/products/" + product + "/feedback").statusCode() == 200);
        submitFeedback(product, "c-1", 3, "Typing my card every time is annoying");
        String release = json("pm@example.com").body(Map.of("name", "Spring release", "targetDate", "2027-03-31",
                "initiativeIds", List.of(saved.initiative()))).post(base + "/releases").then().statusCode(201).extract().path("id");
        String metrics = analytics + "/api/v1/products/" + product + "/metrics";
        await().atMost(METRIC_BOUND.multipliedBy(4)).untilAsserted(() ->
                given().get(metrics).then().statusCode(200).body("'feedback.volume'.total", equalTo(1)));

        json("pm@example.com").body(Map.of()).post(base + "/releases/" + release + "/ship").then().statusCode(200);
        String notes = analytics + "/api/v1/products/" + product + "/releases/" + release + "/notes";
        await().atMost(METRIC_BOUND.multipliedBy(4)).untilAsserted(() -> given().get(notes).then().statusCode(200)
                .body("initiatives.title", contains("Saved cards")));
        given().accept("text/markdown").get(notes).then().statusCode(200)
                .body(startsWith("# Spring release (shipped "));
        given().accept("application/atom+xml").get(analytics + "/api/v1/products/" + product + "/changelog").then()
                .statusCode(200).body(containsString("<title>Spring release</title>"));
        // one detractor before: NPS -100; nothing after yet
        await().atMost(METRIC_BOUND).untilAsserted(() -> given().get(metrics).then()
                .body("'releases.impact'[0].metrics.find { it.metric == 'nps' }.before", equalTo(-100))
                .body("'releases.impact'[0].metrics.find { it.metric == 'nps' }.after", equalTo(null)));

        submitFeedback(product, "c-2", 10, "Saved cards: paying takes a second now");
        await().atMost(METRIC_BOUND).untilAsserted(() -> given().get(metrics).then()
                .body("'releases.impact'[0].metrics.find { it.metric == 'nps' }.before", equalTo(-100))
                .body("'releases.impact'[0].metrics.find { it.metric == 'nps' }.after", equalTo(100)));
    }

    /** Retiring a product at roadmap-service makes it read-only in every service; what it has stays readable. */
    @Test
    void a_retired_product_is_read_only_in_every_service_and_its_metrics_stay_readable() {
        Initiative saved = productWithInitiative("Retired product", "NOW");
        String product = saved.product();
        String items = backlog + "/api/v1/products/" + product + "/backlog/items";
        String item = item(items, "Save a card", 5, saved.initiative());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get(feedback + "/api/v1/products/" + product + "/feedback").statusCode() == 200);
        submitFeedback(product, "c-1", 9, "Love it");
        String metrics = analytics + "/api/v1/products/" + product + "/metrics";
        await().atMost(METRIC_BOUND.multipliedBy(4)).untilAsserted(() ->
                given().get(metrics).then().statusCode(200).body("'feedback.volume'.total", equalTo(1)));

        json("pm@example.com").body(Map.of("stage", "RETIRED", "reason", "Merged into the wallet product"))
                .put(roadmap + "/api/v1/products/" + product + "/stage").then().statusCode(200).body("stage", equalTo("RETIRED"));

        // each service hears of it from the roadmap's events; until then a write may still land, so wait on one that
        // records nothing when refused (an empty triage of a missing feedback, an unknown item's transition)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> json("po@example.com").body(Map.of("status", "READY"))
                .post(items + "/" + UUID.randomUUID() + "/transitions").then().statusCode(409)
                .body("type", containsString("product-retired")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> json("zendesk").body(Map.of("status", "REVIEWED"))
                .post(feedback + "/api/v1/products/" + product + "/feedback/" + UUID.randomUUID() + "/triage")
                .then().statusCode(409));
        json("po@example.com").body(Map.of("type", "STORY", "title", "Too late")).post(items).then().statusCode(409);
        json("zendesk").body(Map.of("source", "SUPPORT", "customerId", "c-2", "text", "Too late")).post(
                feedback + "/api/v1/products/" + product + "/feedback").then().statusCode(409);
        json("pm@example.com").body(Map.of("name", "Late theme")).post(roadmap + "/api/v1/products/" + product + "/themes")
                .then().statusCode(409);

        given().get(items + "/" + item).then().statusCode(200);
        given().get(metrics).then().statusCode(200).body("'feedback.volume'.total", equalTo(1));
        given().get(roadmap + "/api/v1/products/" + product).then().statusCode(200).body("stage", equalTo("RETIRED"));
    }

    @Test
    void a_rebuild_requested_at_one_of_two_analytics_replicas_gives_the_same_metrics_and_serves_the_old_ones_meanwhile()
            throws Exception {
        try (ServiceProcess second = stack.startReplica("analytics-service", 18394)) {
            String product = productWithFeedbackEnabled();
            for (int i = 0; i < 20; i++) {
                submitFeedback(product, "c-" + i, i % 11, i % 2 == 0 ? "Great checkout" : "Slow on mobile");
            }
            String metrics = "/api/v1/products/" + product + "/metrics";
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get(analytics + metrics).statusCode() == 200
                    && Integer.valueOf(20).equals(given().get(analytics + metrics).path("'feedback.volume'.total")));
            String before = given().get(analytics + metrics).then().extract().asString();
            assertThat(given().get(second.url() + metrics).then().extract().asString()).isEqualTo(before);

            given().post(second.url() + "/api/v1/admin/consumers/facts/rebuild").then().statusCode(202)
                    .body("state", equalTo("RUNNING"));
            String status = "/api/v1/admin/consumers/facts/rebuild";
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                // both replicas answer from the old facts until the new ones are complete, then from the new ones
                assertThat(given().get(analytics + metrics).then().extract().asString()).isEqualTo(before);
                assertThat(given().get(second.url() + metrics).then().extract().asString()).isEqualTo(before);
                return "DONE".equals(given().get(analytics + status).path("state"));
            });
            given().get(analytics + status).then().body("eventsApplied", greaterThanOrEqualTo(20)).body("eventsRejected", equalTo(0));
            assertThat(given().get(analytics + metrics).then().extract().asString()).isEqualTo(before);
            assertThat(given().get(second.url() + metrics).then().extract().asString()).isEqualTo(before);

            // the rebuilt facts go on from where the live consumers are
            submitFeedback(product, "c-late", 10, "Great");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Integer.valueOf(21).equals(given().get(second.url() + metrics).path("'feedback.volume'.total")));
        }
    }

    @Test
    void the_dashboard_in_a_real_browser_changes_when_feedback_arrives() throws Exception {
        String product = productWithFeedbackEnabled();
        submitFeedback(product, "c-1", 10, "Great checkout");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(analytics + "/api/v1/products/" + product + "/metrics")
                .statusCode() == 200);
        try (Browser browser = Browser.start()) {
            browser.open(analytics + "/dashboard.html?product=" + product + "#token=" + viewerOf(product));
            await().atMost(Duration.ofSeconds(15)).until(() -> "+100".equals(browser.text("nps")));
            assertThat(browser.text("status")).isEqualTo("live");

            long sent = System.nanoTime();
            submitFeedback(product, "c-2", 0, "Broken and slow");
            await().atMost(METRIC_BOUND).pollInterval(Duration.ofMillis(50)).until(() -> "0".equals(browser.text("nps")));
            System.out.printf("dashboard NPS tile changed %d ms after the HTTP submission (bound %d ms)%n",
                    (System.nanoTime() - sent) / 1_000_000, METRIC_BOUND.toMillis());
            assertThat(browser.text("nps-detail")).startsWith("2 responses");
            browser.screenshot(Path.of("target", "dashboard.png"));
        }
    }

    @Test
    void the_service_logs_carry_no_tokens_or_passwords() throws Exception {
        String product = productWithFeedbackEnabled();
        submitFeedback(product, "c-1", 8, "Fine");
        given().header("Authorization", "Bearer not-a-valid-token").get(roadmap + "/api/v1/products").then().statusCode(401);
        for (Path log : Files.list(stack.logDirectory()).filter(p -> p.toString().endsWith(".log")).toList()) {
            String text = Files.readString(log);
            assertThat(text).as(log.toString()).doesNotContain("Bearer ").doesNotContain("not-a-valid-token")
                    .doesNotContain(stack.signingKey().everything("system-test@localhost").substring(0, 60))
                    .doesNotContainPattern("password=postgres");
        }
    }

    /**
     * A team's tool hears of roadmap changes: its endpoint (a real HTTP server checking signatures with the Standard
     * Webhooks library) subscribes, the product manager moves an initiative, the signed CloudEvent arrives; a replay
     * from the instant before the move sends the same messages (same webhook-id) again, and the log shows both.
     */
    @Test
    void a_subscribed_endpoint_receives_signed_roadmap_changes_and_a_replay_from_an_instant_sends_them_again() throws Exception {
        Initiative saved = productWithInitiative("Webhook product", "LATER");
        String hooks = integrations + "/api/v1/products/" + saved.product() + "/webhooks";
        String secret = WebhookReceiver.newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            Map<String, Object> subscription = Map.of("url", receiver.url(), "eventTypes", List.of("northstar.roadmap.*"),
                    "secret", secret, "description", "the team's roadmap channel");
            // integrations-service knows the product once it has read its ProductCreated (404 until then)
            await().atMost(Duration.ofSeconds(30)).until(() -> json("pm@example.com").body(subscription).post(hooks).statusCode() == 201);
            String webhook = given().get(hooks).then().statusCode(200).extract().path("[0].id");

            Instant beforeTheMove = Instant.now();
            await().until(() -> Instant.now().isAfter(beforeTheMove));
            json("pm@example.com").body(Map.of("horizon", "NOW"))
                    .post(roadmap + "/api/v1/products/" + saved.product() + "/initiatives/" + saved.initiative() + "/move")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().stream()
                    .anyMatch(delivery -> delivery.body().contains("\"type\":\"northstar.roadmap.InitiativeMoved.v1\"")));
            WebhookReceiver.Received moved = receiver.received().stream()
                    .filter(delivery -> delivery.body().contains("InitiativeMoved")).findFirst().orElseThrow();
            assertThat(moved.verified()).as("signature verified by the Standard Webhooks library").isTrue();
            assertThat(moved.body()).contains("\"subject\":\"" + saved.initiative() + "\"").contains("\"toHorizon\":\"NOW\"");
            // what happened before the subscription is not sent unless replayed: the move alone, once
            List<String> sent = receiver.received().stream().map(WebhookReceiver.Received::id).toList();
            assertThat(sent).doesNotHaveDuplicates().contains(moved.id());

            int replayed = json("pm@example.com").body(Map.of("since", beforeTheMove.toString())).post(hooks + "/" + webhook + "/replay")
                    .then().statusCode(202).extract().path("deliveries");
            assertThat(replayed).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == sent.size() + 1);
            WebhookReceiver.Received again = receiver.received().getLast();
            assertThat(again.id()).isEqualTo(moved.id());
            assertThat(again.verified()).isTrue();
            given().get(hooks + "/" + webhook + "/deliveries?limit=1").then().statusCode(200)
                    .body("items[0].trigger", equalTo("REPLAY")).body("items[0].eventId", equalTo(moved.id()));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(hooks + "/" + webhook + "/deliveries?status=SUCCEEDED")
                    .then().body("items.size()", equalTo(sent.size() + 1)));
        }
    }

    /**
     * Closing the loop with customers: feedback linked to an initiative; the product manager marks the initiative
     * done; the feedback is DONE with what shipped, the customer's requests say so, and a CRM subscribed to customer
     * updates receives one, signed, naming the customer and the feedback it answers.
     */
    @Test
    void when_an_initiative_is_done_the_customers_who_asked_for_it_are_due_an_update() throws Exception {
        Initiative saved = productWithInitiative("Customer loop product", "NOW");
        String product = saved.product();
        String hooks = integrations + "/api/v1/products/" + product + "/webhooks";
        String secret = WebhookReceiver.newSecret();
        try (WebhookReceiver crm = new WebhookReceiver(secret)) {
            Map<String, Object> subscription = Map.of("url", crm.url(), "eventTypes", List.of("northstar.feedback.CustomerUpdateDue.v1"),
                    "secret", secret);
            await().atMost(Duration.ofSeconds(30)).until(() -> json("pm@example.com").body(subscription).post(hooks).statusCode() == 201);

            String entries = feedback + "/api/v1/products/" + product + "/feedback";
            String asked = await().atMost(Duration.ofSeconds(30)).until(() -> json("zendesk").body(Map.of("source", "SUPPORT",
                    "customerId", "c-77", "account", "Initech", "text", "Please keep my card for next time")).post(entries), r -> r.statusCode() == 201)
                    .path("id");
            // feedback-service learns of the initiative from roadmap's events: until then a link to it is refused (422)
            await().atMost(Duration.ofSeconds(30)).until(() -> json("po@example.com")
                    .body(Map.of("type", "INITIATIVE", "id", saved.initiative())).post(entries + "/" + asked + "/links").statusCode() == 200);

            String status = roadmap + "/api/v1/products/" + product + "/initiatives/" + saved.initiative() + "/status";
            for (String next : List.of("PLANNED", "IN_PROGRESS", "DONE")) {
                json("pm@example.com").body(Map.of("status", next)).post(status).then().statusCode(200);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                    .get(feedback + "/api/v1/products/" + product + "/customers/c-77/requests").then().statusCode(200)
                    .body("items[0].status", equalTo("DONE")).body("items[0].shipped[0].kind", equalTo("INITIATIVE_DONE"))
                    .body("items[0].shipped[0].title", equalTo("Saved cards")));
            await().atMost(Duration.ofSeconds(10)).until(() -> !crm.received().isEmpty());
            WebhookReceiver.Received update = crm.received().getFirst();
            assertThat(update.verified()).isTrue();
            assertThat(update.body()).contains("\"type\":\"northstar.feedback.CustomerUpdateDue.v1\"", "\"customerId\":\"c-77\"",
                    "\"account\":\"Initech\"", "Please keep my card for next time", asked, "\"title\":\"Saved cards\"");
        }
    }

    /**
     * A product manager shares the roadmap with someone without an account: integrations-service makes the link,
     * roadmap-service opens it (through the front door) without a token until it is revoked.
     */
    @Test
    void a_shared_roadmap_opens_without_an_account_until_the_link_is_revoked_and_not_a_moment_longer() {
        Initiative saved = productWithInitiative("Shared product", "NOW");
        String links = integrations + "/api/v1/products/" + saved.product() + "/share-links";
        Response made = await().atMost(Duration.ofSeconds(30)).until(() -> json("pm@example.com")
                .body(Map.of("scope", "ROADMAP", "description", "For the board")).post(links), r -> r.statusCode() == 201);
        String url = made.path("url");
        // the link names the front door, where the person it is for opens it
        assertThat(url).startsWith(stack.frontDoor().url() + "/api/v1/shared/nss_");
        String shared = url;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", "").get(shared).then()
                .statusCode(200).body("product", equalTo("Shared product"))
                .body("horizons[0].initiatives[0].title", equalTo("Saved cards")));
        // revoked at integrations-service: roadmap-service refuses it at once, whatever Kafka has brought it yet
        json("pm@example.com").delete(links + "/" + made.path("id")).then().statusCode(204);
        given().header("Authorization", "").get(shared).then().statusCode(404);
    }

    /**
     * An event too large for Kafka (1 MiB) reaches feedback-service's outbox (the API refuses such events; this one is
     * written past it, as a defect might): the relay parks it at once, the outbox drains, and another product's feedback
     * still reaches its metrics within the usual bound while it happens.
     */
    @Test
    void an_event_too_large_for_kafka_is_parked_and_another_products_feedback_still_reaches_its_metrics() throws Exception {
        String bystander = productWithFeedbackEnabled();
        String metrics = analytics + "/api/v1/products/" + bystander + "/metrics";
        submitFeedback(bystander, "c-1", 9, "Checkout is quick");
        await().atMost(METRIC_BOUND.multipliedBy(4)).untilAsserted(() ->
                given().get(metrics).then().statusCode(200).body("'feedback.volume'.total", equalTo(1)));

        UUID tooLarge = UUID.randomUUID();
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("feedback"), stack.postgres().user(),
                stack.postgres().password());
             PreparedStatement ps = connection.prepareStatement("""
                     INSERT INTO outbox (event_id, topic, message_key, headers, payload) VALUES (?, ?, ?, ?::jsonb, ?)""")) {
            ps.setObject(1, tooLarge);
            ps.setString(2, "northstar.feedback.events");
            ps.setString(3, UUID.randomUUID().toString());
            ps.setString(4, "{\"ce_id\": \"" + tooLarge + "\", \"ce_type\": \"northstar.feedback.FeedbackReceived.v1\"}");
            ps.setString(5, "{\"text\": \"" + "x".repeat(1_500_000) + "\"}");
            ps.executeUpdate();
        }
        submitFeedback(bystander, "c-2", 10, "And the receipt arrives at once");
        await().atMost(METRIC_BOUND).untilAsserted(() ->
                given().get(metrics).then().statusCode(200).body("'feedback.volume'.total", equalTo(2)));

        String parked = feedback + "/api/v1/admin/outbox/parked";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(parked).then().statusCode(200)
                .body("find { it.eventId == '" + tooLarge + "' }.reason", containsString("larger than")));
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("feedback"), stack.postgres().user(),
                stack.postgres().password());
             ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows left in feedback-service's outbox").isZero();
        }
        long id = ((Number) given().get(parked).path("find { it.eventId == '" + tooLarge + "' }.id")).longValue();
        given().delete(parked + "/" + id).then().statusCode(204);
        given().get(parked).then().statusCode(200).body("find { it.eventId == '" + tooLarge + "' }", equalTo(null));
    }

    /**
     * Erasure: a customer's feedback, vote and the update due to them reach every service; an admin erases the customer;
     * then every projection and every rebuildable consumer of every service is rebuilt from the events. The customer
     * reads as [erased], the demand they made still counts, and no database and no topic holds their id, account or words.
     */
    @Test
    void an_erased_customer_leaves_no_trace_in_any_database_or_topic_after_every_projection_is_rebuilt() throws Exception {
        Initiative saved = productWithInitiative("Erasure product", "NOW");
        String product = saved.product();
        String marker = "z" + UUID.randomUUID().toString().replace("-", "");
        String customer = "jane." + marker + "@example.com";
        String entries = feedback + "/api/v1/products/" + product + "/feedback";
        String asked = await().atMost(Duration.ofSeconds(30)).until(() -> json("zendesk").body(Map.of("source", "SUPPORT",
                "customerId", customer, "account", "Doe Industries " + marker, "accountValue", 5000, "rating", 4,
                "text", "Jane here (" + marker + "): please let me pay in instalments")).post(entries), r -> r.statusCode() == 201).path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> json("po@example.com")
                .body(Map.of("type", "INITIATIVE", "id", saved.initiative())).post(entries + "/" + asked + "/links").statusCode() == 200);
        json("zendesk").body(Map.of("targetType", "INITIATIVE", "targetId", saved.initiative(), "customerId", customer,
                "account", "Doe Industries " + marker, "accountValue", 5000)).post(feedback + "/api/v1/products/" + product + "/votes")
                .then().statusCode(201);
        String status = roadmap + "/api/v1/products/" + product + "/initiatives/" + saved.initiative() + "/status";
        for (String next : List.of("PLANNED", "IN_PROGRESS", "DONE")) {
            json("pm@example.com").body(Map.of("status", next)).post(status).then().statusCode(200);
        }
        String requests = feedback + "/api/v1/products/" + product + "/customers/" + customer + "/requests";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(requests).then().statusCode(200)
                .body("items[0].status", equalTo("DONE")));
        String metrics = analytics + "/api/v1/products/" + product + "/metrics";
        String demand = "demand.find { it.targetId == '" + saved.initiative() + "' }";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(metrics).then().statusCode(200)
                .body(demand + ".feedback", equalTo(1)).body(demand + ".votes", equalTo(1)).body(demand + ".uniqueCustomers", equalTo(1))
                .body(demand + ".accounts", equalTo(1)));
        Map<String, Object> demandBefore = given().get(metrics).path(demand);
        // sealed wherever it travels or is kept for good; in clear text only in feedback-service's searchable read models
        assertThat(recordsNaming(marker)).as("Kafka records naming the customer").isEmpty();
        assertThat(tablesNaming(marker)).as("tables naming the customer")
                .containsExactlyInAnyOrder("feedback public.feedback_entries", "feedback public.aggregate_states");

        given().header("Authorization", "Bearer " + stack.signingKey().mint("pm@example.com", List.of("product-manager"),
                        List.of(product), Duration.ofHours(1)))
                .delete(feedback + "/api/v1/products/" + product + "/customers/" + customer).then().statusCode(403);
        given().delete(feedback + "/api/v1/products/" + product + "/customers/" + customer).then().statusCode(200)
                .body("feedback", equalTo(1)).body("votes", equalTo(1));

        for (String service : List.of(roadmap, backlog, feedback, analytics, integrations)) {
            List<String> projections = given().get(service + "/api/v1/admin/projections").then().statusCode(200).extract().path("name");
            for (String projection : projections) {
                given().post(service + "/api/v1/admin/projections/" + projection + "/rebuild").then().statusCode(200);
            }
            List<String> consumers = given().get(service + "/api/v1/admin/consumers").then().statusCode(200).extract().path("name");
            for (String consumer : consumers) {
                Response started = given().post(service + "/api/v1/admin/consumers/" + consumer + "/rebuild");
                if (started.statusCode() == 202) {
                    await().atMost(Duration.ofSeconds(120)).until(() -> "DONE".equals(given()
                            .get(service + "/api/v1/admin/consumers/" + consumer + "/rebuild").path("state")));
                } else {
                    assertThat(started.statusCode()).as("%s at %s: not rebuildable", consumer, service).isBetween(400, 499);
                }
            }
        }

        given().get(entries + "/" + asked).then().statusCode(200).body("customerId", equalTo("[erased]"))
                .body("account", equalTo("[erased]")).body("text", equalTo("[erased]")).body("status", equalTo("DONE"));
        given().get(requests).then().statusCode(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(given().get(metrics).<Map<String, Object>>path(demand)).isEqualTo(demandBefore));

        assertThat(tablesNaming(marker)).as("tables naming the erased customer").isEmpty();
        assertThat(recordsNaming(marker)).as("Kafka records naming the erased customer").isEmpty();
    }

    /** Every table of every service's database with a row whose text holds {@code marker}, as "database schema.table". */
    static List<String> tablesNaming(String marker) throws Exception {
        List<String> naming = new ArrayList<>();
        for (String database : List.of("roadmap", "backlog", "feedback", "analytics", "integrations")) {
            try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl(database), stack.postgres().user(),
                    stack.postgres().password())) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = connection.createStatement().executeQuery("""
                        SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'""")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                assertThat(tables).as(database).isNotEmpty();
                for (String table : tables) {
                    try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?")) {
                        ps.setString(1, "%" + marker + "%");
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                naming.add(database + " " + table);
                            }
                        }
                    }
                }
            }
        }
        return naming;
    }

    /** Every record of every topic (key, value and headers) that holds {@code marker}, as "topic/partition@offset". */
    static List<String> recordsNaming(String marker) throws Exception {
        List<String> naming = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains("northstar.feedback.events", "northstar.feedback.customer-keys");
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    StringBuilder text = new StringBuilder();
                    text.append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    text.append(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8));
                    record.headers().forEach(h -> text.append(new String(h.value(), StandardCharsets.UTF_8)));
                    if (text.indexOf(marker) >= 0) {
                        naming.add(record.topic() + "/" + record.partition() + "@" + record.offset());
                    }
                }
            }
            assertThat(read).isPositive();
        }
        return naming;
    }

    record Initiative(String product, String initiative) {
    }

    /** A new product with a theme and a "Saved cards" initiative on this horizon, once backlog-service has heard of it. */
    static Initiative productWithInitiative(String name, String horizon) {
        String product = json("pm@example.com").body(Map.of("name", name, "northStarMetric", "weekly checkouts"))
                .post(roadmap + "/api/v1/products").then().statusCode(201).extract().path("id");
        String base = roadmap + "/api/v1/products/" + product;
        String theme = json("pm@example.com").body(Map.of("name", "Conversion", "weight", 1))
                .post(base + "/themes").then().statusCode(201).extract().path("id");
        String initiative = json("pm@example.com").body(Map.of("title", "Saved cards", "themeId", theme, "horizon", horizon))
                .post(base + "/initiatives").then().statusCode(201).extract().path("id");
        String known = backlog + "/api/v1/products/" + product + "/backlog/initiatives/" + initiative;
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(known).statusCode() == 200);
        return new Initiative(product, initiative);
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
