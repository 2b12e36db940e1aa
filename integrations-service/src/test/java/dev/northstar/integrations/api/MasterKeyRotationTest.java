package dev.northstar.integrations.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Topics;
import dev.northstar.integrations.readmodel.Subscription;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.WebhookReceiver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static dev.northstar.platform.testing.EventPublisher.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rotation of the master key, half-way through as the test profile configures it (the current key, and the old one
 * as previous): webhook secrets and customers' data keys under the old key are re-wrapped under the current one and
 * open once the old key is gone; a key feedback-service publishes again re-wrapped replaces the one kept, but never
 * brings back an erased customer's.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class MasterKeyRotationTest {
    static final String CURRENT = "bm9ydGhzdGFyLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU=";
    static final String OLD = "YW5vdGhlci1tYXN0ZXIta2V5LW9mLTMyLWJ5dGVzISE=";
    /** The keyring before the rotation began, and after it ended with the old key destroyed. */
    static final MasterKey BEFORE = MasterKey.of(OLD);
    static final MasterKey AFTER = MasterKey.of(CURRENT);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Sql sql;

    @Test
    void secrets_and_keys_under_the_old_key_are_rewrapped_and_a_key_published_again_never_revives_an_erased_customer() throws Exception {
        TestTokens.useForEveryRequest(null);
        UUID product = WebhookApiTest.product();
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            String subscription = WebhookApiTest.as("product-manager", product)
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of("northstar.roadmap.*"), "secret", secret))
                    .post(WebhookApiTest.webhooks(product)).then().statusCode(201).extract().path("id");
            String purpose = "webhook signing secret " + subscription;
            String stored = sql.query("SELECT secret FROM webhook_subscriptions WHERE subscription_id = ?::uuid",
                    rs -> rs.getString(1), subscription).getFirst();
            execute("UPDATE webhook_subscriptions SET secret = ? WHERE subscription_id = ?::uuid",
                    BEFORE.seal(purpose, AFTER.open(purpose, stored)), subscription);

            // keys as feedback-service published them before the rotation: naming the old key, from before key ids,
            // and one of a customer erased since
            UUID named = UUID.randomUUID();
            UUID legacy = UUID.randomUUID();
            UUID erased = UUID.randomUUID();
            SecretKey namedKey = BEFORE.newDataKey();
            SecretKey legacyKey = BEFORE.newDataKey();
            issue(product, named, BEFORE.wrap(named, namedKey));
            issue(product, legacy, withoutKeyId(BEFORE.wrap(legacy, legacyKey)));
            issue(product, erased, BEFORE.wrap(erased, BEFORE.newDataKey()));
            UUID erasure = EventPublisher.publish(Topics.CUSTOMER_KEYS, "customer-keys", "CustomerErased", product, erased,
                    "{\"customerRef\":\"" + erased + "\",\"productId\":\"" + product + "\",\"erasedAt\":\"" + Instant.now() + "\"}");
            await().atMost(WAIT).until(() -> applied(erasure) && count("SELECT count(*) FROM customer_keys WHERE product_id = ?", product) == 3);
            JsonNode before = status();
            assertThat(before.path("remaining").path(BEFORE.keyId()).asLong()).isGreaterThanOrEqualTo(2);
            assertThat(before.path("remaining").path("legacy").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(before.path("remainingByStore").path("webhook-secrets").path(BEFORE.keyId()).asLong()).isGreaterThanOrEqualTo(1);

            // feedback-service publishes every key again, re-wrapped: it replaces the one kept, except an erased customer's
            String republished = AFTER.wrap(named, namedKey);
            UUID reissued = issue(product, named, republished);
            UUID late = issue(product, erased, AFTER.wrap(erased, AFTER.newDataKey()));
            await().atMost(WAIT).until(() -> applied(reissued) && applied(late));
            assertThat(wrappedKeyOf(named)).isEqualTo(republished);
            assertThat(count("SELECT count(*) FROM customer_keys WHERE customer_ref = ? AND wrapped_key IS NULL AND erased_at IS NOT NULL",
                    erased)).isEqualTo(1);

            await().atMost(WAIT).untilAsserted(() -> {
                admin().post("/api/v1/admin/integrations/master-keys/rewrap").then().statusCode(202);
                assertThat(status().path("remainingTotal").asLong()).isZero();
            });
            String rewrapped = wrappedKeyOf(legacy);
            assertThat(AFTER.isCurrent(rewrapped)).isTrue();
            assertThat(AFTER.unwrap(legacy, rewrapped).getEncoded()).isEqualTo(legacyKey.getEncoded());
            String resealed = sql.query("SELECT secret FROM webhook_subscriptions WHERE subscription_id = ?::uuid",
                    rs -> rs.getString(1), subscription).getFirst();
            assertThat(AFTER.open(purpose, resealed)).isEqualTo(secret);
            assertThat(wrappedKeyOf(erased)).isNull();

            // deliveries go on, signed with the same secret
            EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "InitiativeMoved", product, UUID.randomUUID(),
                    "{\"productId\":\"" + product + "\",\"themeId\":\"" + UUID.randomUUID()
                            + "\",\"fromHorizon\":\"NEXT\",\"toHorizon\":\"NOW\",\"rankKey\":1.0}");
            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().getFirst().verified()).isTrue();
        }
    }

    /** A change of a subscription that was read before its secret was re-sealed does not write the old secret back. */
    @Test
    void a_subscription_changed_while_its_secret_is_resealed_keeps_the_resealed_secret() {
        UUID product = WebhookApiTest.product();
        UUID subscription = UUID.fromString(WebhookApiTest.as("product-manager", product)
                .body(Map.of("url", "http://127.0.0.1:9/hook", "eventTypes", List.of("*"))).post(WebhookApiTest.webhooks(product))
                .then().statusCode(201).extract().path("id"));
        String resealed = QuarkusTransaction.requiringNew().call(() -> {
            Subscription read = Subscription.findById(subscription);
            String purpose = "webhook signing secret " + subscription;
            String again = AFTER.reseal(purpose, read.secret);
            // the rotation, in a transaction of its own, between this one's read and its write
            execute("UPDATE webhook_subscriptions SET secret = ? WHERE subscription_id = ?", again, subscription);
            read.description = "renamed";
            return again;
        });
        assertThat(sql.query("SELECT secret, description FROM webhook_subscriptions WHERE subscription_id = ?",
                rs -> rs.getString(1) + " " + rs.getString(2), subscription)).containsExactly(resealed + " renamed");
    }

    static UUID issue(UUID product, UUID ref, String wrapped) {
        return EventPublisher.publish(Topics.CUSTOMER_KEYS, "customer-keys", "CustomerKeyIssued", product, ref,
                "{\"customerRef\":\"" + ref + "\",\"productId\":\"" + product + "\",\"wrappedKey\":\"" + wrapped + "\"}");
    }

    static boolean applied(UUID eventId) {
        return count("SELECT count(*) FROM inbox WHERE consumer = 'customer-keys' AND event_id = ?", eventId.toString()) == 1;
    }

    String wrappedKeyOf(UUID ref) {
        return sql.query("SELECT wrapped_key FROM customer_keys WHERE customer_ref = ?", rs -> rs.getString(1), ref).getFirst();
    }

    static JsonNode status() throws Exception {
        return JSON.readTree(admin().get("/api/v1/admin/integrations/master-keys").then().statusCode(200).extract().asString());
    }

    static RequestSpecification admin() {
        return TestTokens.actingAs("admin", TestTokens.ALL_PRODUCTS);
    }

    static String withoutKeyId(String wrapped) {
        return wrapped.substring(wrapped.indexOf(':', MasterKey.PREFIX.length()) + 1);
    }
}
