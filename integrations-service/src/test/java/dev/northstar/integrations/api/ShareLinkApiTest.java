package dev.northstar.integrations.api;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.contracts.events.IntegrationsEvent;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Share links: made with a token shown once, published as its hash for the services that open them, revocable. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class ShareLinkApiTest {
    UUID product;
    String links;

    static RequestSpecification as(String role, UUID product) {
        return TestTokens.actingAs(role, product.toString()).contentType(ContentType.JSON);
    }

    @BeforeEach
    void aProduct() {
        TestTokens.useForEveryRequest(null);
        product = UUID.randomUUID();
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "ProductCreated", product, product,
                "{\"productId\":\"" + product + "\",\"name\":\"P\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM known_products WHERE product_id = ?", product) == 1);
        links = "/api/v1/products/" + product + "/share-links";
    }

    List<ConsumerRecord<String, String>> published(String id) {
        return TopicReader.readAll(Topics.INTEGRATIONS_EVENTS, Duration.ofMillis(300)).stream().filter(r -> id.equals(r.key())).toList();
    }

    @Test
    void a_link_shows_its_token_once_publishes_only_its_hash_and_is_revoked_for_good() {
        Instant expires = Instant.now().plus(Duration.ofDays(7));
        Response made = as("product-manager", product).body(Map.of("scope", "ROADMAP", "expiresAt", expires.toString(),
                "description", "Board meeting")).post(links);
        made.then().statusCode(201).body("status", equalTo("ACTIVE")).body("audience", equalTo("PUBLIC")).body("token", startsWith("nss_"))
                .body("url", startsWith("http://localhost:8081/api/v1/shared/nss_"));
        String id = made.path("id");
        String token = made.path("token");
        as("admin", product).get(links).then().statusCode(403);
        as("admin", product).body(Map.of("scope", "DASHBOARD", "expiresAt", expires.toString())).post(links)
                .then().statusCode(403);
        as("product-manager", product).get(links).then().statusCode(200).body("[0].id", equalTo(id)).body("[0].token", nullValue())
                .body("[0].url", nullValue()).body("[0].description", equalTo("Board meeting"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = published(id);
            assertThat(records).extracting(r -> TopicReader.header(r, Headers.TYPE)).containsExactly("northstar.integrations.ShareLinkCreated.v1");
            assertThat(records.getFirst().value()).contains(IntegrationsEvent.ShareLinkCreated.tokenSha256(token)).doesNotContain(token)
                    .contains("\"scope\":\"ROADMAP\"");
        });

        as("product-manager", product).delete(links + "/" + id).then().statusCode(204);
        as("product-manager", product).delete(links + "/" + id).then().statusCode(204);
        as("product-manager", product).get(links).then().body("[0].status", equalTo("REVOKED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(published(id))
                .extracting(r -> TopicReader.header(r, Headers.TYPE)).containsExactly("northstar.integrations.ShareLinkCreated.v1",
                        "northstar.integrations.ShareLinkRevoked.v1"));
    }

    /** A retried creation answers the same link, without its token: no token is kept in clear, not even for retries. */
    @Test
    void a_retry_with_the_same_idempotency_key_answers_the_link_without_its_token_and_no_token_is_stored() {
        Map<String, Object> body = Map.of("scope", "ROADMAP", "description", "Board");
        Response first = as("product-manager", product).header("Idempotency-Key", "board-1").body(body).post(links);
        first.then().statusCode(201).body("token", startsWith("nss_"));
        String token = first.path("token");

        as("product-manager", product).header("Idempotency-Key", "board-1").body(body).post(links).then().statusCode(201)
                .header("Idempotent-Replayed", "true").header("Northstar-Withheld", "token")
                .body("id", equalTo(first.path("id"))).body("token", nullValue()).body("url", nullValue());
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE body LIKE ?", "%" + token + "%")).isZero();
        assertThat(count("SELECT count(*) FROM idempotency_keys i WHERE i::text LIKE ?", "%" + token.substring(4, 20) + "%")).isZero();
    }

    @Test
    void only_product_managers_and_admins_make_and_see_links_and_bad_ones_are_refused() {
        for (String other : new String[]{"viewer", "product-owner", "contributor"}) {
            as(other, product).body(Map.of("scope", "DASHBOARD")).post(links).then().statusCode(403);
            as(other, product).get(links).then().statusCode(403);
        }
        as("product-manager", product).body(Map.of("scope", "DASHBOARD")).post(links).then().statusCode(201)
                .body("url", startsWith("http://localhost:8084/dashboard.html#share=nss_"));
        as("product-manager", product).body(Map.of("scope", "DASHBOARD", "expiresAt", Instant.now().minusSeconds(60).toString()))
                .post(links).then().statusCode(400).body("errors[0].field", equalTo("expiresAt"));
        as("product-manager", product).body(Map.of("scope", "EVERYTHING")).post(links).then().statusCode(400);
        as("product-manager", product).body(Map.of("scope", "DASHBOARD", "audience", "INTERNAL")).post(links).then().statusCode(201)
                .body("audience", equalTo("INTERNAL"));
        as("product-manager", product).body(Map.of("scope", "DASHBOARD", "audience", "EVERYONE")).post(links).then().statusCode(400);
        as("product-manager", product).delete(links + "/" + UUID.randomUUID()).then().statusCode(404);
    }
}
