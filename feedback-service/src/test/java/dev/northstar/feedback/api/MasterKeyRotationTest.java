package dev.northstar.feedback.api;

import dev.northstar.contracts.Topics;
import dev.northstar.feedback.readmodel.BlindIndexKeys;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A rotation of the master key: every lookup and published account ref stays what it was. */
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

    static String withoutKeyId(String wrapped) {
        return wrapped.substring(wrapped.indexOf(':', MasterKey.PREFIX.length()) + 1);
    }
}
