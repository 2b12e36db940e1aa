package dev.northstar.feedback.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.feedback.readmodel.BlindIndexKeys;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.Prometheus;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static dev.northstar.platform.testing.EventPublisher.execute;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A rotation of the master key, half-way through as the test profile configures it (the current key, and the old one
 * as previous): what the old key wrapped is re-wrapped under the current one, published again, and opens once the old
 * key is gone, while every lookup and published account ref stays what it was.
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

    @Inject
    Sql sql;
    UUID product;

    record Row(UUID ref, String lookup, String wrapped) {
    }

    @BeforeEach
    void product() {
        TestTokens.useForEveryRequest(TestTokens.everything("support-tool"));
        product = UUID.randomUUID();
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "ProductCreated", product, product,
                "{\"productId\":\"" + product + "\",\"name\":\"P\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM known_products WHERE product_id = ?", product) == 1);
    }

    @Test
    void what_the_old_key_wrapped_is_rewrapped_published_again_and_opens_without_it_under_the_same_lookups() throws Exception {
        String kept = "kept-" + UUID.randomUUID();
        String erased = "erased-" + UUID.randomUUID();
        String feedbackId = submit(kept, "Acme " + kept);
        submit(erased, "Initech");
        Row keptRow = row(kept);
        Row erasedRow = row(erased);
        SecretKey keptKey = AFTER.unwrap(keptRow.ref(), keptRow.wrapped());
        String accountRef = JSON.readTree(sql.query("SELECT payload::text FROM event_store WHERE stream_id = ?::uuid ORDER BY stream_version",
                rs -> rs.getString(1), feedbackId).getFirst()).path("customer").path("accountRef").asText();
        assertThat(accountRef).isNotBlank();

        // as it was before the rotation: one key wrapped before wrapped keys named their master key, one naming the
        // old key, and the blind index keys sealed under it
        execute("UPDATE customer_keys SET wrapped_key = ? WHERE customer_ref = ?",
                withoutKeyId(BEFORE.wrap(keptRow.ref(), keptKey)), keptRow.ref());
        execute("UPDATE customer_keys SET wrapped_key = ? WHERE customer_ref = ?",
                BEFORE.wrap(erasedRow.ref(), AFTER.unwrap(erasedRow.ref(), erasedRow.wrapped())), erasedRow.ref());
        for (String purpose : List.of(BlindIndexKeys.CUSTOMER, BlindIndexKeys.ACCOUNT)) {
            String sealed = sql.query("SELECT sealed FROM blind_index_keys WHERE purpose = ?", rs -> rs.getString(1), purpose).getFirst();
            execute("UPDATE blind_index_keys SET sealed = ? WHERE purpose = ?",
                    BEFORE.seal("blind index key " + purpose, AFTER.open("blind index key " + purpose, sealed)), purpose);
        }
        JsonNode before = status();
        assertThat(before.path("currentKeyId").asText()).isEqualTo(AFTER.keyId());
        assertThat(before.path("previousKeyIds").toString()).isEqualTo("[\"" + BEFORE.keyId() + "\"]");
        assertThat(before.path("remaining").path(BEFORE.keyId()).asLong()).isGreaterThanOrEqualTo(3);
        assertThat(before.path("remaining").path("legacy").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(before.path("remainingByStore").path("blind-index-keys").path(BEFORE.keyId()).asLong()).isEqualTo(2);
        assertThat(Prometheus.sum("northstar_master_key_old_values", "")).isGreaterThanOrEqualTo(4);

        given().delete("/api/v1/products/" + product + "/customers/" + erased).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            admin().post("/api/v1/admin/feedback/master-keys/rewrap").then().statusCode(202);
            assertThat(status().path("remainingTotal").asLong()).isZero();
        });
        assertThat(Prometheus.sum("northstar_master_key_old_values", "")).isZero();

        Row rewrapped = row(kept);
        assertThat(rewrapped.lookup()).isEqualTo(keptRow.lookup());
        assertThat(AFTER.isCurrent(rewrapped.wrapped())).isTrue();
        assertThat(AFTER.unwrap(rewrapped.ref(), rewrapped.wrapped()).getEncoded()).isEqualTo(keptKey.getEncoded());
        assertThat(count("SELECT count(*) FROM blind_index_keys WHERE sealed NOT LIKE ?", MasterKey.prefixOf(AFTER.keyId()) + "%")).isZero();
        // the index keys open without the old key and index as before: the same lookups, the same account refs
        BlindIndexKeys afterwards = new BlindIndexKeys(sql, AFTER);
        assertThat(afterwards.of(BlindIndexKeys.CUSTOMER).indexOf(product + "/" + kept)).isEqualTo(keptRow.lookup());
        assertThat(afterwards.of(BlindIndexKeys.ACCOUNT).indexOf(product + "/acme " + kept)).isEqualTo(accountRef);
        given().get("/api/v1/products/" + product + "/feedback/" + feedbackId).then().statusCode(200).body("customerId", equalTo(kept));

        // the topic carries the key re-wrapped, so it too no longer needs the old key; the erased customer's stays erased
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.CUSTOMER_KEYS, Duration.ofMillis(300));
            ConsumerRecord<String, String> last = lastOf(records, keptRow.ref());
            assertThat(TopicReader.header(last, Headers.TYPE)).isEqualTo("northstar.customer-keys.CustomerKeyIssued.v1");
            String published = JSON.readTree(last.value()).path("wrappedKey").asText();
            assertThat(published).isEqualTo(rewrapped.wrapped());
            assertThat(AFTER.unwrap(keptRow.ref(), published).getEncoded()).isEqualTo(keptKey.getEncoded());
            assertThat(TopicReader.header(lastOf(records, erasedRow.ref()), Headers.TYPE))
                    .isEqualTo("northstar.customer-keys.CustomerErased.v1");
        });
    }

    /** The master keys are the operator's: the admin role with a token for all products, nobody else. */
    @Test
    void only_an_operator_with_a_token_for_all_products_reads_or_rewraps() {
        for (String role : List.of("product-manager", "privacy-officer", "viewer")) {
            TestTokens.actingAs(role, TestTokens.ALL_PRODUCTS).get("/api/v1/admin/feedback/master-keys").then().statusCode(403);
            TestTokens.actingAs(role, TestTokens.ALL_PRODUCTS).post("/api/v1/admin/feedback/master-keys/rewrap").then().statusCode(403);
        }
        TestTokens.actingAs("admin", product.toString()).get("/api/v1/admin/feedback/master-keys").then().statusCode(403);
        TestTokens.useForEveryRequest(null);
        given().get("/api/v1/admin/feedback/master-keys").then().statusCode(401);
    }

    /**
     * A service that starts for the first time with blind index keys, after the master key was rotated (the old one
     * configured as previous), makes them from the old key, which wrapped the customer keys kept already: lookups and
     * account refs stay those the old key made. Run in a transaction that is rolled back, as it replaces the table.
     */
    @Test
    void missing_index_keys_are_made_from_the_master_key_that_wrapped_the_customer_keys_kept_already() {
        String customer = "first-" + UUID.randomUUID();
        submit(customer, "Globex");
        Row first = row(customer);
        MasterKey rotated = MasterKey.of(CURRENT, OLD);
        QuarkusTransaction.begin();
        try {
            sql.update("DELETE FROM blind_index_keys");
            sql.update("UPDATE customer_keys SET created_at = '2000-01-01', wrapped_key = ? WHERE customer_ref = ?",
                    withoutKeyId(BEFORE.wrap(first.ref(), AFTER.unwrap(first.ref(), first.wrapped()))), first.ref());
            BlindIndexKeys made = new BlindIndexKeys(sql, rotated);
            assertThat(made.of(BlindIndexKeys.ACCOUNT).indexOf(product + "/globex"))
                    .isEqualTo(BEFORE.blindIndexKey("account", BEFORE.keyId()).indexOf(product + "/globex"));
            assertThat(sql.query("SELECT sealed FROM blind_index_keys", rs -> rs.getString(1)))
                    .hasSize(2).allMatch(rotated::isCurrent);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    String submit(String customerId, String account) {
        return given().contentType(ContentType.JSON).body(Map.of("source", "SURVEY", "customerId", customerId, "account", account,
                        "text", "Please keep my data safe", "rating", 7))
                .post("/api/v1/products/" + product + "/feedback").then().statusCode(201).extract().path("id");
    }

    Row row(String customerId) {
        return sql.query("SELECT customer_ref, lookup, wrapped_key FROM customer_keys WHERE product_id = ? AND lookup = ?",
                rs -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)), product,
                AFTER.blindIndexKey("customer", AFTER.keyId()).indexOf(product + "/" + customerId)).getFirst();
    }

    static JsonNode status() throws Exception {
        return JSON.readTree(admin().get("/api/v1/admin/feedback/master-keys").then().statusCode(200).extract().asString());
    }

    static RequestSpecification admin() {
        return TestTokens.actingAs("admin", TestTokens.ALL_PRODUCTS);
    }

    static ConsumerRecord<String, String> lastOf(List<ConsumerRecord<String, String>> records, UUID ref) {
        return records.stream().filter(r -> ref.toString().equals(r.key())).reduce((first, second) -> second).orElseThrow();
    }

    static String withoutKeyId(String wrapped) {
        return wrapped.substring(wrapped.indexOf(':', MasterKey.PREFIX.length()) + 1);
    }
}
