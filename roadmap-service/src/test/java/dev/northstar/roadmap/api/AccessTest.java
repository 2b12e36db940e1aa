package dev.northstar.roadmap.api;

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
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static dev.northstar.platform.testing.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/** Who may do what on the roadmap: tokens, roles and product scoping. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class AccessTest implements ServiceContractTests {
    String mine;
    String theirs;

    static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).auth().oauth2(token);
    }

    static String role(String role, String... products) {
        return TestTokens.token(role + "@example.com", Set.of(role), products);
    }

    String createProduct(String name) {
        return as(TestTokens.token("cpo@example.com", Set.of("product-manager"), "*"))
                .body(Map.of("name", name)).post("/api/v1/products").then().statusCode(201).extract().path("id");
    }

    @BeforeEach
    void twoProducts() {
        TestTokens.useForEveryRequest(null);
        mine = createProduct("Mine");
        theirs = createProduct("Theirs");
    }

    @Test
    void without_a_valid_token_every_api_call_is_401_with_a_problem() {
        given().get("/api/v1/products/" + mine).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(TestTokens.forged("pm@example.com", Set.of("product-manager"), "*"))
                .get("/api/v1/products/" + mine).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expired("pm@example.com", Set.of("product-manager"), "*"))
                .get("/api/v1/products/" + mine).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").get("/api/v1/products").then().statusCode(401);
        management().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void only_product_managers_write_the_roadmap_and_every_product_role_reads_it() {
        String base = "/api/v1/products/" + mine;
        for (String reader : new String[]{"viewer", "product-owner", "contributor", "product-manager"}) {
            as(role(reader, mine)).get(base + "/roadmap").then().statusCode(200);
        }
        for (String other : new String[]{"viewer", "product-owner", "contributor", "admin"}) {
            as(role(other, mine)).body(Map.of("name", "Retention", "weight", 1)).post(base + "/themes")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("product-manager"));
        }
        as(role("admin", mine)).get(base).then().statusCode(403);
        as(role("product-manager", mine)).body(Map.of("name", "Retention", "weight", 1)).post(base + "/themes")
                .then().statusCode(201);
        as(role("viewer", mine)).get(base + "/themes").then().body("name", contains("Retention"));
    }

    @Test
    void the_actor_of_every_event_is_the_token_subject() {
        String base = "/api/v1/products/" + mine;
        String theme = as(role("product-manager", mine)).body(Map.of("name", "Conversion", "weight", 1))
                .post(base + "/themes").then().statusCode(201).extract().path("id");
        String initiative = as(role("product-manager", mine)).body(Map.of("title", "Saved cards", "themeId", theme, "horizon", "LATER"))
                .post(base + "/initiatives").then().statusCode(201).extract().path("id");
        as(role("viewer", mine)).get(base + "/initiatives/" + initiative + "/history").then()
                .body("actor", contains("product-manager@example.com"));
    }

    @Test
    void another_products_data_is_neither_visible_nor_writable() {
        String token = role("product-manager", mine);
        as(token).get("/api/v1/products/" + theirs).then().statusCode(404).contentType("application/problem+json");
        as(token).get("/api/v1/products/" + theirs + "/roadmap").then().statusCode(404);
        as(token).header("If-Match", "\"1\"").body(Map.of("vision", "mine now")).patch("/api/v1/products/" + theirs)
                .then().statusCode(404);
        as(token).body(Map.of("title", "Sneaky", "horizon", "NOW")).post("/api/v1/products/" + theirs + "/initiatives")
                .then().statusCode(404);
        as(token).get("/api/v1/products").then().statusCode(200)
                .body("items.id", contains(mine)).body("items.id", not(hasItem(theirs)));
        as(TestTokens.token("cpo@example.com", Set.of("viewer"), "*")).get("/api/v1/products/" + theirs)
                .then().statusCode(200).body("name", equalTo("Theirs"));
    }

    @Test
    void creating_a_product_needs_a_token_for_all_products() {
        as(role("product-manager", mine)).body(Map.of("name", "Side project")).post("/api/v1/products")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void a_token_issued_more_than_a_day_ago_is_401_whatever_its_expiry() {
        Instant now = Instant.now();
        as(TestTokens.issued(now.minus(Duration.ofHours(25)), now.plus(Duration.ofHours(1)), "old@example.com",
                Set.of("viewer"), mine)).get("/api/v1/products/" + mine).then().statusCode(401)
                .contentType("application/problem+json");
        as(TestTokens.issued(now.minus(Duration.ofHours(23)), now.plus(Duration.ofHours(1)), "recent@example.com",
                Set.of("viewer"), mine)).get("/api/v1/products/" + mine).then().statusCode(200);
    }

    @Test
    void no_spelling_of_the_path_or_method_override_lets_a_product_scoped_token_create_a_product() {
        String token = role("product-manager", mine);
        for (String path : PathSpellings.of("/api/v1/products")) {
            int status = as(token).urlEncodingEnabled(false).body(Map.of("name", "Side project")).post(path).statusCode();
            assertThat(status).as("POST %s", path).isIn(403, 404);
        }
        int overridden = as(token).header("X-HTTP-Method-Override", "GET").body(Map.of("name", "Side project"))
                .post("/api/v1/products").statusCode();
        assertThat(overridden).as("POST with X-HTTP-Method-Override: GET").isEqualTo(403);
        as(TestTokens.token("cpo@example.com", Set.of("viewer"), "*")).get("/api/v1/products?limit=200").then()
                .statusCode(200).body("items.name", not(hasItem("Side project")));
    }

    @Test
    void no_spelling_of_the_path_reaches_another_products_roadmap() {
        String token = role("product-manager", mine);
        for (String path : PathSpellings.of("/api/v1/products/" + theirs + "/roadmap")) {
            as(token).urlEncodingEnabled(false).get(path).then().statusCode(404);
        }
        for (String path : PathSpellings.of("/api/v1/products/" + theirs + "/initiatives")) {
            int status = as(token).urlEncodingEnabled(false).body(Map.of("title", "Sneaky", "horizon", "NOW")).post(path)
                    .statusCode();
            assertThat(status).as("POST %s", path).isEqualTo(404);
        }
    }

    @Test
    void rebuilds_are_for_admins_only() {
        as(role("product-manager", "*")).post("/api/v1/admin/projections/roadmap-states/rebuild").then().statusCode(403);
        as(role("admin", "*")).post("/api/v1/admin/projections/no-such-projection/rebuild").then().statusCode(404);
    }

    @Test
    void browsers_may_call_from_the_configured_origins_only() {
        given().header("Origin", "https://dashboards.example.com").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/v1/products").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://dashboards.example.com")
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", "https://evil.example.com").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/products").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
