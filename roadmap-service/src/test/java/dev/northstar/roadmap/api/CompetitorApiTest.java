package dev.northstar.roadmap.api;

import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class CompetitorApiTest {
    String base;
    String cards;
    String wallets;

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    @BeforeEach
    void productWithInitiatives() {
        TestTokens.useForEveryRequest(TestTokens.everything("pm@example.com"));
        String product = json().body(Map.of("name", "Checkout")).post("/api/v1/products").then().statusCode(201).extract().path("id");
        base = "/api/v1/products/" + product;
        String theme = json().body(Map.of("name", "Conversion")).post(base + "/themes").then().statusCode(201).extract().path("id");
        cards = json().body(Map.of("title", "Saved cards", "themeId", theme, "horizon", "NOW")).post(base + "/initiatives")
                .then().statusCode(201).extract().path("id");
        wallets = json().body(Map.of("title", "Wallets", "themeId", theme, "horizon", "NEXT")).post(base + "/initiatives")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void competitors_are_kept_with_strengths_weaknesses_and_keywords_and_initiatives_compare_against_them() {
        String stripe = json().body(Map.of("name", "Stripe", "segment", "Developers", "strengths", List.of("API", "Coverage"),
                        "weaknesses", List.of("Support for small merchants"), "keywords", List.of("stripe checkout", "STRIPE")))
                .post(base + "/competitors").then().statusCode(201)
                .body("keywords", contains("Stripe", "stripe checkout")).body("comparisons", hasSize(0))
                .extract().path("id");
        String adyen = json().body(Map.of("name", "Adyen")).post(base + "/competitors").then().statusCode(201).extract().path("id");

        json().body(Map.of("position", "BEHIND", "note", "They store cards in 40 markets, we in 3"))
                .put(base + "/competitors/" + stripe + "/comparisons/" + cards).then().statusCode(200)
                .body("comparisons[0].initiativeId", equalTo(cards)).body("comparisons[0].position", equalTo("BEHIND"));
        json().body(Map.of("position", "AHEAD")).put(base + "/competitors/" + adyen + "/comparisons/" + wallets).then()
                .statusCode(200);

        given().get(base + "/competitive-landscape").then().statusCode(200)
                .body("competitors", contains("Adyen", "Stripe"))
                .body("initiatives.title", contains("Saved cards", "Wallets"))
                .body("initiatives[0].positions.Stripe", equalTo("BEHIND"))
                .body("initiatives[0].positions.Adyen", nullValue())
                .body("initiatives[1].positions.Adyen", equalTo("AHEAD"));

        json().body(Map.of("weaknesses", List.of("Pricing"))).patch(base + "/competitors/" + stripe).then().statusCode(200)
                .body("weaknesses", contains("Pricing")).body("strengths", contains("API", "Coverage"));
        json().delete(base + "/competitors/" + stripe + "/comparisons/" + cards).then().statusCode(200)
                .body("comparisons", hasSize(0));
        given().get(base + "/competitors").then().body("name", contains("Adyen", "Stripe"));
    }

    @Test
    void a_keyword_names_one_competitor_and_bad_comparisons_are_refused() {
        json().body(Map.of("name", "Stripe", "keywords", List.of("stripe checkout"))).post(base + "/competitors").then().statusCode(201);
        json().body(Map.of("name", "Stripe Inc", "keywords", List.of("Stripe Checkout"))).post(base + "/competitors").then()
                .statusCode(400).body("errors.field", hasItem("keywords")).body("detail", containsString("another competitor"));
        json().body(Map.of("name", "stripe")).post(base + "/competitors").then().statusCode(400).body("errors.field", hasItem("name"));
        String adyen = json().body(Map.of("name", "Adyen")).post(base + "/competitors").then().statusCode(201).extract().path("id");
        json().body(Map.of("position", "FAR_AHEAD")).put(base + "/competitors/" + adyen + "/comparisons/" + cards).then()
                .statusCode(400);
        json().body(Map.of("position", "AHEAD")).put(base + "/competitors/" + adyen + "/comparisons/" + UUID.randomUUID())
                .then().statusCode(422).body("errors[0].field", equalTo("initiativeId"));
        given().get(base + "/competitors/" + UUID.randomUUID()).then().statusCode(404);
    }
}
