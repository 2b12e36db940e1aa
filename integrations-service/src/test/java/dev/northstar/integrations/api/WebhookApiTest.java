package dev.northstar.integrations.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.privacy.SealedValues;
import dev.northstar.platform.retention.Retention;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.ServiceContractTests;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static dev.northstar.platform.testing.EventPublisher.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class WebhookApiTest implements ServiceContractTests {
    @Inject
    Retention retention;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    UUID product;
    WebhookReceiver receiver;
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static RequestSpecification as(String role, UUID product) {
        return TestTokens.actingAs(role, product.toString()).contentType(ContentType.JSON);
    }

    static String webhooks(UUID product) {
        return "/api/v1/products/" + product + "/webhooks";
    }

    static UUID product() {
        UUID product = UUID.randomUUID();
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "ProductCreated", product, product,
                "{\"productId\":\"" + product + "\",\"name\":\"P\"}");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM known_products WHERE product_id = ?", product) == 1);
        return product;
    }

    /** An initiative moved: a roadmap event about aggregate {@code initiative}. */
    UUID move(UUID initiative, String to) {
        return EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeMoved", product, initiative,
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + UUID.randomUUID() + "\",\"fromHorizon\":\"NEXT\",\"toHorizon\":\""
                        + to + "\",\"rankKey\":1.0}");
    }

    String subscribe(List<String> eventTypes) {
        return as("product-manager", product).body(Map.of("url", receiver.url(), "eventTypes", eventTypes, "secret", secret))
                .post(webhooks(product)).then().statusCode(201).extract().path("id");
    }

    @BeforeEach
    void receiverAndProduct() throws Exception {
        TestTokens.useForEveryRequest(null);
        receiver = new WebhookReceiver(secret);
        product = product();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void a_subscriber_receives_each_wanted_event_signed_as_a_cloud_event_and_the_log_shows_it() throws Exception {
        Response created = as("product-manager", product)
                .body(Map.of("url", receiver.url(), "eventTypes", List.of("northstar.roadmap.*"), "description", "team channel"))
                .post(webhooks(product));
        created.then().statusCode(201).header("Location", containsString("/webhooks/")).header("ETag", not(nullValue()))
                .body("secret", org.hamcrest.Matchers.startsWith("whsec_")).body("enabled", equalTo(true));
        String generated = created.path("secret");
        String id = created.path("id");
        // the secret is shown once
        as("product-manager", product).get(webhooks(product) + "/" + id).then().statusCode(200).body("secret", nullValue())
                .body("eventTypes", equalTo(List.of("northstar.roadmap.*")));

        try (WebhookReceiver own = new WebhookReceiver(generated)) {
            as("product-manager", product).header("If-Match", created.header("ETag")).body(Map.of("url", own.url()))
                    .patch(webhooks(product) + "/" + id).then().statusCode(200);
            UUID initiative = UUID.randomUUID();
            UUID event = move(initiative, "NOW");
            EventPublisher.publish(Topics.BACKLOG_EVENTS, "backlog", "ItemStarted", product, UUID.randomUUID(),
                    "{\"productId\":\"" + product + "\"}");
            await().atMost(WAIT).until(() -> own.received().size() == 1);
            WebhookReceiver.Received delivery = own.received().getFirst();
            assertThat(delivery.verified()).as("the signature verifies with the Standard Webhooks library").isTrue();
            assertThat(delivery.id()).isEqualTo(event.toString());
            assertThat(delivery.contentType()).startsWith("application/cloudevents+json");
            JsonNode body = JSON.readTree(delivery.body());
            assertThat(body.path("specversion").asText()).isEqualTo("1.0");
            assertThat(body.path("type").asText()).isEqualTo("northstar.roadmap.InitiativeMoved.v1");
            assertThat(body.path("subject").asText()).isEqualTo(initiative.toString());
            assertThat(body.path("productid").asText()).isEqualTo(product.toString());
            assertThat(body.path("data").path("toHorizon").asText()).isEqualTo("NOW");

            await().atMost(WAIT).untilAsserted(() -> as("product-manager", product).get(webhooks(product) + "/" + id + "/deliveries")
                    .then().statusCode(200).body("items", hasSize(1)).body("items[0].status", equalTo("SUCCEEDED"))
                    .body("items[0].eventId", equalTo(event.toString())).body("items[0].lastStatusCode", equalTo(204))
                    .body("items[0].attempts", equalTo(1)).body("items[0].trigger", equalTo("EVENT")));
        }
        // the backlog event was not wanted: still only the one delivery
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ?", UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void a_failing_endpoint_is_tried_again_in_order_per_aggregate_and_the_log_keeps_every_attempt() {
        String id = subscribe(List.of("northstar.roadmap.InitiativeMoved.v1"));
        receiver.answerNext(500, 503);
        UUID initiative = UUID.randomUUID();
        UUID first = move(initiative, "NOW");
        UUID second = move(initiative, "LATER");
        await().atMost(WAIT).until(() -> receiver.received().stream().filter(WebhookReceiver.Received::verified).count() == 4);
        // the first event three times (500, 503, 204), then the second: never the second before the first
        assertThat(receiver.received().stream().map(WebhookReceiver.Received::id).toList())
                .containsExactly(first.toString(), first.toString(), first.toString(), second.toString());
        String deliveries = webhooks(product) + "/" + id + "/deliveries";
        await().atMost(WAIT).untilAsserted(() -> as("product-manager", product).get(deliveries + "?status=SUCCEEDED")
                .then().body("items", hasSize(2)));
        String firstDelivery = as("product-manager", product).get(deliveries).then().extract().path("items[1].id");
        as("product-manager", product).get(deliveries + "/" + firstDelivery).then().statusCode(200)
                .body("attempts", equalTo(3)).body("attemptLog.statusCode", equalTo(List.of(500, 503, 204)))
                .body("attemptLog[0].error", equalTo("HTTP 500"));
    }

    /** An endpoint's answer may echo what it was sent: the log keeps its status, never its body. */
    @Test
    void the_log_keeps_an_answer_s_status_and_nothing_of_its_body() {
        String id = subscribe(List.of("*"));
        receiver.answerNext(500, "{\"echo\":{\"customerId\":\"customer-seven\",\"text\":\"my card number is 4111\"}}");
        receiver.answerNext(500, "customer-seven again");
        receiver.answerNext(500, "customer-seven, third time");
        move(UUID.randomUUID(), "NOW");
        await().atMost(WAIT).untilAsserted(() -> as("product-manager", product).get(webhooks(product) + "/" + id).then()
                .body("enabled", equalTo(false)));
        String deliveries = webhooks(product) + "/" + id + "/deliveries";
        String delivery = as("product-manager", product).get(deliveries).then().extract().path("items[0].id");
        Response log = as("product-manager", product).get(deliveries + "/" + delivery);
        log.then().statusCode(200).body("attemptLog.error", equalTo(List.of("HTTP 500", "HTTP 500", "HTTP 500")))
                .body("lastError", equalTo("HTTP 500"));
        assertThat(log.asString()).doesNotContain("customer-seven", "4111");
        assertThat(as("product-manager", product).get(webhooks(product) + "/" + id).asString()).doesNotContain("customer-seven");
        assertThat(as("product-manager", product).get(deliveries).asString()).doesNotContain("customer-seven");
    }

    @Test
    void an_endpoint_that_keeps_failing_is_disabled_with_the_reason_and_410_disables_at_once() {
        String id = subscribe(List.of("*"));
        receiver.answerNext(500, 500, 500);
        move(UUID.randomUUID(), "NOW");
        // three attempts (the test schedule waits 0.2 s and 0.4 s), then the subscription is disabled
        await().atMost(WAIT).untilAsserted(() -> as("product-manager", product).get(webhooks(product) + "/" + id).then()
                .body("enabled", equalTo(false)).body("disabledReason", containsString("failed 3 attempts"))
                .body("disabledReason", containsString("HTTP 500")));
        assertThat(receiver.received()).hasSize(3);
        // disabled: nothing more is sent, nothing is queued
        move(UUID.randomUUID(), "LATER");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM webhook_events WHERE product_id = ?", product) == 3);
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ?", UUID.fromString(id))).isEqualTo(1);

        String gone = subscribe(List.of("*"));
        receiver.answerNext(410);
        move(UUID.randomUUID(), "NOW");
        await().atMost(WAIT).untilAsserted(() -> as("product-manager", product).get(webhooks(product) + "/" + gone).then()
                .body("enabled", equalTo(false)).body("disabledReason", containsString("410")));
        // re-enabled by its owner, it receives again
        String etag = as("product-manager", product).get(webhooks(product) + "/" + gone).header("ETag");
        as("product-manager", product).header("If-Match", etag).body(Map.of("enabled", true)).patch(webhooks(product) + "/" + gone)
                .then().statusCode(200).body("enabled", equalTo(true)).body("disabledReason", nullValue());
        int before = receiver.received().size();
        move(UUID.randomUUID(), "LATER");
        await().atMost(WAIT).until(() -> receiver.received().size() == before + 1);
    }

    @Test
    void replay_from_an_instant_delivers_the_same_events_again_in_order() {
        String id = subscribe(List.of("northstar.roadmap.*"));
        UUID before = move(UUID.randomUUID(), "NOW");
        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        Instant since = Instant.now();
        await().atMost(WAIT).until(() -> Instant.now().isAfter(since.plusMillis(5)));
        // one initiative's events: the order per aggregate holds for replays too
        UUID initiative = UUID.randomUUID();
        UUID a = move(initiative, "NOW");
        UUID b = move(initiative, "LATER");
        await().atMost(WAIT).until(() -> receiver.received().size() == 3);

        as("product-manager", product).body(Map.of("since", since.toString())).post(webhooks(product) + "/" + id + "/replay")
                .then().statusCode(202).body("deliveries", equalTo(2));
        await().atMost(WAIT).until(() -> receiver.received().size() == 5);
        List<String> replayed = receiver.received().subList(3, 5).stream().map(WebhookReceiver.Received::id).toList();
        assertThat(replayed).containsExactly(a.toString(), b.toString()).doesNotContain(before.toString());
        assertThat(receiver.received()).allMatch(WebhookReceiver.Received::verified);
        as("product-manager", product).get(webhooks(product) + "/" + id + "/deliveries?status=SUCCEEDED&limit=2").then()
                .body("items.trigger", equalTo(List.of("REPLAY", "REPLAY"))).body("nextCursor", not(nullValue()));

        // one delivery again
        String delivery = as("product-manager", product).get(webhooks(product) + "/" + id + "/deliveries?limit=1").then()
                .extract().path("items[0].id");
        as("product-manager", product).post(webhooks(product) + "/" + id + "/deliveries/" + delivery + "/redeliver").then()
                .statusCode(202).body("trigger", equalTo("REDELIVERY"));
        await().atMost(WAIT).until(() -> receiver.received().size() == 6);
        assertThat(receiver.received().get(5).id()).isEqualTo(b.toString());
    }

    @Test
    void bad_subscriptions_are_refused_with_the_field_at_fault() {
        String path = webhooks(product);
        as("product-manager", product).body(Map.of("url", "http://169.254.169.254/latest/meta-data", "eventTypes", List.of("*")))
                .post(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url")).body("detail", containsString("LINK_LOCAL"));
        as("product-manager", product).body(Map.of("url", "http://10.0.0.7/hook", "eventTypes", List.of("*")))
                .post(path).then().statusCode(400).body("detail", containsString("PRIVATE"));
        as("product-manager", product).body(Map.of("url", receiver.url(), "eventTypes", List.of("roadmap.*")))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("eventTypes"));
        as("product-manager", product).body(Map.of("url", receiver.url(), "eventTypes", List.of("*"), "secret", "hunter2"))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("secret"));
        as("product-manager", product).body(Map.of("url", "https://user:pw@hooks.example.com/", "eventTypes", List.of("*")))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("url"));
        assertThat(count("SELECT count(*) FROM webhook_subscriptions WHERE product_id = ?", product)).isZero();
        as("product-manager", product).body(Map.of("url", receiver.url(), "eventTypes", List.of("*")))
                .post(webhooks(UUID.randomUUID())).then().statusCode(404);
    }

    @Test
    void the_metadata_address_is_refused_in_its_nat64_6to4_and_mapped_forms_too() {
        String path = webhooks(product);
        for (String url : List.of("http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::1]/", "http://[::ffff:a9fe:a9fe]/",
                "https://[::169.254.169.254]/latest/meta-data")) {
            as("product-manager", product).body(Map.of("url", url, "eventTypes", List.of("*")))
                    .post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url")).body("detail", containsString("LINK_LOCAL"));
        }
        as("product-manager", product).body(Map.of("url", "http://[64:ff9b::a00:7]/hook", "eventTypes", List.of("*")))
                .post(path).then().statusCode(400).body("detail", containsString("PRIVATE"));
        assertThat(count("SELECT count(*) FROM webhook_subscriptions WHERE product_id = ?", product)).isZero();
    }

    @Test
    void a_stale_if_match_is_refused_and_a_deleted_subscription_hears_nothing_more() {
        String id = subscribe(List.of("*"));
        String one = webhooks(product) + "/" + id;
        String etag = as("product-manager", product).get(one).header("ETag");
        as("product-manager", product).header("If-Match", etag).body(Map.of("description", "first")).patch(one).then().statusCode(200);
        as("product-manager", product).header("If-Match", etag).body(Map.of("description", "second")).patch(one).then()
                .statusCode(412).contentType("application/problem+json");
        as("product-manager", product).get(one).then().body("description", equalTo("first"));
        as("product-manager", product).delete(one).then().statusCode(204);
        as("product-manager", product).get(one).then().statusCode(404);
        move(UUID.randomUUID(), "NOW");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM webhook_events WHERE product_id = ?", product) == 2);
        assertThat(receiver.received()).isEmpty();
    }

    /** A retired product takes no new webhook or share link, but what gives data away can still be changed or taken back. */
    @Test
    void on_a_retired_product_webhooks_change_and_go_and_share_links_are_revoked() {
        String id = subscribe(List.of("*"));
        String one = webhooks(product) + "/" + id;
        String link = as("product-manager", product).body(Map.of("scope", "ROADMAP"))
                .post("/api/v1/products/" + product + "/share-links").then().statusCode(201).extract().path("id");
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "ProductStageChanged", product, product,
                "{\"from\":\"DECLINE\",\"to\":\"RETIRED\",\"reason\":\"Merged\"}");
        await().atMost(WAIT).until(() ->
                count("SELECT count(*) FROM product_stages WHERE product_id = ? AND stage = 'RETIRED'", product) == 1);

        as("product-manager", product).body(Map.of("url", receiver.url(), "eventTypes", List.of("*")))
                .post(webhooks(product)).then().statusCode(409).body("type", containsString("product-retired"));
        String etag = as("product-manager", product).get(one).header("ETag");
        as("product-manager", product).header("If-Match", etag).body(Map.of("enabled", false)).patch(one).then().statusCode(200);
        as("product-manager", product).delete(one).then().statusCode(204);
        as("product-manager", product).delete("/api/v1/products/" + product + "/share-links/" + link).then().statusCode(204);
        as("product-manager", product).get("/api/v1/products/" + product + "/share-links").then()
                .body("find { it.id == '" + link + "' }.status", equalTo("REVOKED"));
    }

    /** A retried subscription answers the same subscription, without its secret: the secret is never stored in clear. */
    @Test
    void the_secret_is_stored_sealed_and_a_retry_with_the_same_idempotency_key_answers_without_it() {
        Map<String, Object> body = Map.of("url", receiver.url(), "eventTypes", List.of("*"));
        Response first = as("product-manager", product).header("Idempotency-Key", "hook-1").body(body)
                .post(webhooks(product));
        first.then().statusCode(201).body("secret", startsWith("whsec_"));
        String secret = first.path("secret");

        as("product-manager", product).header("Idempotency-Key", "hook-1").body(body).post(webhooks(product)).then()
                .statusCode(201).header("Northstar-Withheld", "secret").body("id", equalTo(first.path("id")))
                .body("secret", nullValue());
        assertThat(count("SELECT count(*) FROM idempotency_keys i WHERE i::text LIKE ?", "%" + secret.substring(6) + "%")).isZero();
        // and the subscription keeps it sealed under the master key, with the key's id
        assertThat(count("SELECT count(*) FROM webhook_subscriptions s WHERE s::text LIKE ?", "%" + secret.substring(6) + "%")).isZero();
        assertThat(count("SELECT count(*) FROM webhook_subscriptions WHERE subscription_id = ?::uuid AND secret LIKE 'mk1:%'",
                first.<String>path("id"))).isOne();
    }

    /**
     * Bounded growth: a product has at most 50 subscriptions, a replay reaches back 30 days, and finished deliveries and
     * the events no delivery carries any more go once past their retention (30 days, and the digest's 366 days).
     */
    @Test
    void subscriptions_replays_deliveries_and_events_are_bounded() {
        String id = subscribe(List.of("*"));
        UUID event = move(UUID.randomUUID(), "NOW");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM webhook_deliveries d JOIN webhook_events e"
                + " ON e.position = d.event_position WHERE e.event_id = ? AND d.status = 'SUCCEEDED'", event) == 1);
        as("product-manager", product).body(Map.of("since", Instant.now().minus(Duration.ofDays(31)).toString()))
                .post(webhooks(product) + "/" + id + "/replay").then().statusCode(400).body("errors[0].field", equalTo("since"));

        execute("UPDATE webhook_deliveries SET created_at = created_at - interval '31 days' WHERE subscription_id = ?::uuid", id);
        execute("UPDATE webhook_events SET time = time - interval '367 days' WHERE event_id = ?::uuid", event);
        retention.purge();
        retention.purge();
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ?::uuid", id)).isZero();
        assertThat(count("SELECT count(*) FROM webhook_events WHERE event_id = ?", event)).isZero();

        for (int i = 1; i < 50; i++) {
            subscribe(List.of("*"));
        }
        as("product-manager", product).body(Map.of("url", receiver.url(), "eventTypes", List.of("*"))).post(webhooks(product))
                .then().statusCode(409).body("type", containsString("too-many-webhooks"));
    }

    @Test
    void product_managers_keep_webhooks_others_neither_read_nor_write_them() {
        String path = webhooks(product);
        Map<String, Object> body = Map.of("url", receiver.url(), "eventTypes", List.of("*"));
        as("product-manager", product).body(body).post(path).then().statusCode(201);
        // an operator (admin) or privacy officer must not reach customers' data through a webhook of feedback events
        for (String other : new String[]{"product-owner", "team-member", "contributor", "viewer", "admin", "privacy-officer"}) {
            as(other, product).body(Map.of("url", receiver.url(), "eventTypes", List.of("northstar.feedback.*")))
                    .post(path).then().statusCode(403).contentType("application/problem+json");
            as(other, product).get(path).then().statusCode(403);
        }
        as("product-manager", product).get(path).then().statusCode(200).body("", hasSize(1));
        UUID theirs = product();
        as("product-manager", product).body(body).post(webhooks(theirs)).then().statusCode(404);
    }

    /**
     * Feedback events carry customers' data sealed with their own keys: a webhook carries it in clear text while the
     * customer's key lives, and as [erased] once feedback-service has erased the customer, in replays too.
     */
    @Test
    void customers_data_is_sent_in_clear_until_the_customer_is_erased() {
        String id = subscribe(List.of("northstar.feedback.*"));
        MasterKey master = new MasterKey(Optional.of("bm9ydGhzdGFyLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU="));
        UUID ref = UUID.randomUUID();
        SecretKey key = master.newDataKey();
        EventPublisher.publish(Topics.CUSTOMER_KEYS, "customer-keys", "CustomerKeyIssued", product, ref,
                "{\"customerRef\":\"" + ref + "\",\"productId\":\"" + product + "\",\"wrappedKey\":\"" + master.wrap(ref, key) + "\"}");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM customer_keys WHERE customer_ref = ?", ref) == 1);
        Instant since = Instant.now();
        UUID vote = UUID.randomUUID();
        EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "VoteCast", product, vote, "{\"voteId\":\"" + vote
                + "\",\"productId\":\"" + product + "\",\"target\":{\"type\":\"INITIATIVE\",\"id\":\"" + UUID.randomUUID()
                + "\"},\"customerId\":\"" + SealedValues.seal(key, ref, "customer-seven") + "\",\"account\":\"" + SealedValues.seal(key, ref, "Initech")
                + "\",\"accountValue\":10,\"customerRef\":\"" + ref + "\"}");
        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().getFirst().body()).contains("\"customerId\":\"customer-seven\"", "\"account\":\"Initech\"")
                .doesNotContain("enc:v1:");

        EventPublisher.publish(Topics.CUSTOMER_KEYS, "customer-keys", "CustomerErased", product, ref,
                "{\"customerRef\":\"" + ref + "\",\"productId\":\"" + product + "\",\"erasedAt\":\"" + Instant.now() + "\"}");
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM customer_keys WHERE customer_ref = ? AND wrapped_key IS NULL", ref) == 1);
        as("product-manager", product).body(Map.of("since", since.toString())).post(webhooks(product) + "/" + id + "/replay")
                .then().statusCode(202).body("deliveries", equalTo(1));
        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received().get(1).id()).isEqualTo(receiver.received().getFirst().id());
        assertThat(receiver.received().get(1).body()).contains("\"customerId\":\"[erased]\"", "\"account\":\"[erased]\"")
                .doesNotContain("customer-seven", "Initech", "enc:v1:");
        assertThat(receiver.received()).allMatch(WebhookReceiver.Received::verified);
    }
}
