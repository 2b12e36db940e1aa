package dev.northstar.platform;

import dev.northstar.contracts.Roles;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/** With a limit configured, a token subject gets that many requests, then 429 with when to come back; others go on. */
@QuarkusTest
@TestProfile(RateLimitsTest.ThreePerHour.class)
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class RateLimitsTest {
    private static final String PATH = "/api/v1/admin/outbox/parked";

    public static class ThreePerHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("northstar.rate-limits.token-subject.requests", "3",
                    "northstar.rate-limits.token-subject.period", "PT1H");
        }
    }

    @BeforeEach
    void noDefaultToken() {
        TestTokens.useForEveryRequest(null);
    }

    @Test
    void a_subject_gets_its_limit_then_429_with_retry_after_while_other_subjects_go_on() {
        Set<String> admin = Set.of(Roles.ADMIN);
        for (int remaining = 2; remaining >= 1; remaining--) {
            given().auth().oauth2(TestTokens.token("busy@example.com", admin, TestTokens.ALL_PRODUCTS)).get(PATH).then()
                    .statusCode(200).header("RateLimit-Limit", "3").header("RateLimit-Remaining", String.valueOf(remaining))
                    .header("RateLimit-Reset", matchesPattern("[1-9][0-9]*"));
        }
        // a refused request counts too: the access policy runs after the limit
        given().auth().oauth2(TestTokens.token("busy@example.com", Set.of(Roles.VIEWER), TestTokens.ALL_PRODUCTS)).get(PATH).then()
                .statusCode(403).header("RateLimit-Remaining", "0");
        // another token of the same subject shares its count
        given().auth().oauth2(TestTokens.token("busy@example.com", admin, TestTokens.ALL_PRODUCTS)).get(PATH).then()
                .statusCode(429).contentType("application/problem+json").body("type", containsString("too-many-requests"))
                .body("status", equalTo(429)).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "0");

        given().auth().oauth2(TestTokens.token("calm@example.com", admin, TestTokens.ALL_PRODUCTS)).get(PATH).then()
                .statusCode(200).header("RateLimit-Remaining", "2");
        // anonymous callers are not counted here (share links have limits of their own)
        given().get(PATH).then().statusCode(401).header("RateLimit-Limit", nullValue());
    }
}
