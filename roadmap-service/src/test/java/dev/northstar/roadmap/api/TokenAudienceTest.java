package dev.northstar.roadmap.api;

import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;

/** With an audience configured (NORTHSTAR_JWT_AUDIENCE), a token must name it. */
@QuarkusTest
@TestProfile(TokenAudienceTest.AudienceConfigured.class)
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class TokenAudienceTest {

    public static class AudienceConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.audiences", "northstar-api");
        }
    }

    @BeforeEach
    void noDefaultToken() {
        TestTokens.useForEveryRequest(null);
    }

    @Test
    void a_token_for_another_audience_or_none_is_401() {
        Set<String> viewer = Set.of("viewer");
        given().auth().oauth2(TestTokens.forAudience("northstar-api", "ann@example.com", viewer, "*"))
                .get("/api/v1/products").then().statusCode(200);
        given().auth().oauth2(TestTokens.forAudience("some-other-api", "ann@example.com", viewer, "*"))
                .get("/api/v1/products").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("ann@example.com", viewer, "*"))
                .get("/api/v1/products").then().statusCode(401).contentType("application/problem+json");
    }
}
