package dev.northstar.backlog.api;

import dev.northstar.backlog.support.RoadmapFixture;
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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Only product owners write the backlog; every product role reads it; other products do not exist. */
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

    static String items(UUID product) {
        return "/api/v1/products/" + product + "/backlog/items";
    }

    @BeforeEach
    void twoProducts() {
        TestTokens.useForEveryRequest(null);
        mine = RoadmapFixture.product();
        theirs = RoadmapFixture.product();
    }

    @Test
    void product_owners_write_and_every_product_role_reads() {
        Map<String, Object> bug = Map.of("type", "BUG", "title", "Totals are rounded twice");
        for (String other : new String[]{"product-manager", "contributor", "viewer", "admin"}) {
            as(other, mine).body(bug).post(items(mine)).then().statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("product-owner"));
        }
        String id = as("product-owner", mine).body(bug).post(items(mine)).then().statusCode(201)
                .extract().path("id");
        for (String reader : new String[]{"viewer", "product-manager", "contributor"}) {
            as(reader, mine).get(items(mine)).then().statusCode(200).body("items", hasSize(1));
            as(reader, mine).get(items(mine) + "/" + id + "/priority").then().statusCode(200);
        }
        as("viewer", mine).body(Map.of("to", "READY")).post(items(mine) + "/" + id + "/transitions").then().statusCode(403);
        as("viewer", mine).get(items(mine) + "/" + id + "/history").then()
                .body("actor", org.hamcrest.Matchers.contains("product-owner@example.com"));
    }

    @Test
    void team_members_move_work_through_the_workflow_and_write_nothing_else() {
        String id = as("product-owner", mine).body(Map.of("type", "BUG", "title", "Totals are rounded twice",
                        "story", Map.of("asA", "shopper", "iWant", "right totals", "soThat", "I trust the shop"),
                        "acceptanceCriteria", List.of("Totals match the lines"), "jobSize", 2))
                .post(items(mine)).then().statusCode(201).extract().path("id");
        as("team-member", mine).body(Map.of("title", "Renamed")).patch(items(mine) + "/" + id).then().statusCode(403)
                .body("detail", containsString("product-owner"));
        as("team-member", mine).body(Map.of("type", "BUG", "title", "x")).post(items(mine)).then().statusCode(403);
        as("team-member", mine).body(Map.of("reason", "no")).post(items(mine) + "/" + id + "/discard").then().statusCode(403);
        as("team-member", mine).body(Map.of("to", "READY")).post(items(mine) + "/" + id + "/transitions").then()
                .statusCode(403).contentType("application/problem+json").body("detail", containsString("product-owner"));
        as("product-owner", mine).body(Map.of("to", "READY")).post(items(mine) + "/" + id + "/transitions").then().statusCode(200);
        as("team-member", mine).body(Map.of("to", "IN_PROGRESS")).post(items(mine) + "/" + id + "/transitions").then()
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("IN_PROGRESS"));
        as("team-member", mine).get(items(mine) + "/" + id).then().statusCode(200);
        as("team-member", theirs).body(Map.of("to", "DONE")).post(items(mine) + "/" + id + "/transitions").then().statusCode(404);
    }

    @Test
    void no_spelling_of_the_path_reaches_another_products_backlog() {
        for (String path : PathSpellings.of(items(theirs))) {
            as("product-owner", mine).urlEncodingEnabled(false).get(path).then().statusCode(404);
            int status = as("product-owner", mine).urlEncodingEnabled(false).body(Map.of("type", "BUG", "title", "Sneaky"))
                    .post(path).statusCode();
            assertThat(status).as("POST %s", path).isEqualTo(404);
        }
        as("product-owner", theirs).get(items(theirs)).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void another_products_backlog_is_neither_visible_nor_writable() {
        String id = as("product-owner", theirs).body(Map.of("type", "BUG", "title", "Theirs")).post(items(theirs))
                .then().statusCode(201).extract().path("id");
        as("product-owner", mine).get(items(theirs)).then().statusCode(404).contentType("application/problem+json");
        as("product-owner", mine).get(items(theirs) + "/" + id).then().statusCode(404);
        as("product-owner", mine).body(Map.of("type", "BUG", "title", "Sneaky")).post(items(theirs)).then().statusCode(404);
        as("product-owner", mine).body(Map.of("to", "READY")).post(items(theirs) + "/" + id + "/transitions").then().statusCode(404);
        as("product-owner", theirs).get(items(theirs)).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void no_token_no_backlog() {
        given().get(items(mine)).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void only_admins_rebuild_the_read_models() {
        given().auth().oauth2(TestTokens.token("po@example.com", Set.of("product-owner"), "*"))
                .post("/api/v1/admin/projections/backlog-items/rebuild").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("ops@example.com", Set.of("admin"), "*"))
                .post("/api/v1/admin/projections/backlog-items/rebuild").then().statusCode(200);
    }
}
