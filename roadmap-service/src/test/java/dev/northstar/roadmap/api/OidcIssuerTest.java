package dev.northstar.roadmap.api;

import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.OidcIssuer;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

/** The services configured for a Keycloak-style issuer (JWKS URL, realm roles) as the README describes. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(OidcIssuer.class)
class OidcIssuerTest {

    @BeforeEach
    void noDefaultToken() {
        TestTokens.useForEveryRequest(null);
    }

    @Test
    void tokens_of_an_oidc_issuer_with_realm_roles_are_accepted_and_roles_apply() {
        String product = given().contentType(ContentType.JSON)
                .auth().oauth2(OidcIssuer.token("ann", Set.of("product-manager", "offline_access"), "*"))
                .body(Map.of("name", "From Keycloak")).post("/api/v1/products").then().statusCode(201).extract().path("id");

        given().auth().oauth2(OidcIssuer.token("vic", Set.of("viewer"), product))
                .get("/api/v1/products/" + product).then().statusCode(200);
        given().contentType(ContentType.JSON).auth().oauth2(OidcIssuer.token("vic", Set.of("viewer"), product))
                .body(Map.of("name", "Retention", "weight", 1)).post("/api/v1/products/" + product + "/themes")
                .then().statusCode(403);
        // the test key pair of the other tests is not trusted here
        given().auth().oauth2(TestTokens.token("pm@example.com", Set.of("product-manager"), "*"))
                .get("/api/v1/products").then().statusCode(401);
    }

    @Test
    void the_actor_is_the_preferred_username() {
        String token = OidcIssuer.token("ann", Set.of("product-manager"), "*");
        String product = given().contentType(ContentType.JSON).auth().oauth2(token)
                .body(Map.of("name", "Actor check")).post("/api/v1/products").then().statusCode(201).extract().path("id");
        String theme = given().contentType(ContentType.JSON).auth().oauth2(token).body(Map.of("name", "Conversion", "weight", 1))
                .post("/api/v1/products/" + product + "/themes").then().statusCode(201).extract().path("id");
        String initiative = given().contentType(ContentType.JSON).auth().oauth2(token)
                .body(Map.of("title", "Saved cards", "themeId", theme, "horizon", "LATER"))
                .post("/api/v1/products/" + product + "/initiatives").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).get("/api/v1/products/" + product + "/initiatives/" + initiative + "/history")
                .then().statusCode(200).body("actor", contains("ann"));
    }
}
