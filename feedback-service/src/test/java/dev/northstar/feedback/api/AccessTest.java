package dev.northstar.feedback.api;

import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PathSpellings;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.ServiceContractTests;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.platform.testing.EventPublisher.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

/** Contributors (support and survey tools) and product people write feedback; viewers read; products are walled. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class AccessTest implements ServiceContractTests {
    UUID mine;
    UUID theirs;

    static RequestSpecification as(String role, UUID product) {
        return TestTokens.actingAs(role, product.toString()).contentType(ContentType.JSON);
    }

    static String feedback(UUID product) {
        return "/api/v1/products/" + product + "/feedback";
    }

    static UUID product() {
        UUID product = UUID.randomUUID();
        EventPublisher.publish(Topics.ROADMAP_EVENTS, "roadmap", "ProductCreated", product, product,
                "{\"productId\":\"" + product + "\",\"name\":\"P\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM known_products WHERE product_id = ?", product) == 1);
        return product;
    }

    static Map<String, Object> entry(String text) {
        return Map.of("source", "SUPPORT", "customerId", "c-1", "account", "Acme", "text", text, "rating", 7);
    }

    @BeforeEach
    void twoProducts() {
        TestTokens.useForEveryRequest(null);
        mine = product();
        theirs = product();
    }

    @Test
    void contributors_and_product_people_write_viewers_and_admins_do_not() {
        for (String writer : new String[]{"contributor", "product-manager", "product-owner"}) {
            as(writer, mine).body(entry("from " + writer)).post(feedback(mine)).then().statusCode(201);
        }
        for (String other : new String[]{"viewer", "admin", "privacy-officer"}) {
            as(other, mine).body(entry("from " + other)).post(feedback(mine)).then().statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("contributor"));
        }
        as("viewer", mine).get(feedback(mine)).then().statusCode(200).body("items", hasSize(3));
        as("admin", mine).get(feedback(mine)).then().statusCode(403);
        as("privacy-officer", mine).get(feedback(mine)).then().statusCode(403);
    }

    @Test
    void no_spelling_of_the_path_reaches_another_products_feedback() {
        for (String path : PathSpellings.of(feedback(theirs))) {
            as("viewer", mine).urlEncodingEnabled(false).get(path).then().statusCode(404);
            int status = as("contributor", mine).urlEncodingEnabled(false).body(entry("sneaky")).post(path).statusCode();
            assertThat(status).as("POST %s", path).isEqualTo(404);
        }
        as("viewer", theirs).get(feedback(theirs)).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void another_products_feedback_is_neither_visible_nor_writable() {
        String id = as("contributor", theirs).body(entry("theirs")).post(feedback(theirs)).then().statusCode(201)
                .extract().path("id");
        as("contributor", mine).body(entry("sneaky")).post(feedback(theirs)).then().statusCode(404)
                .contentType("application/problem+json");
        as("viewer", mine).get(feedback(theirs)).then().statusCode(404);
        as("viewer", mine).get(feedback(theirs) + "/" + id).then().statusCode(404);
        as("viewer", theirs).get(feedback(theirs)).then().statusCode(200).body("items", hasSize(1));
    }
}
