package dev.northstar.systemtests;

import dev.northstar.devstack.Devstack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The services of this stack log JSON (NORTHSTAR_LOG_JSON=true), which the last test reads.
 * Readiness follows the infrastructure: while Kafka or PostgreSQL is down every service answers 503 on
 * /q/health/ready (so Kubernetes stops routing to it), and it is ready again once they are back, without a restart.
 */
class ReadinessTest {
    static Devstack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("northstar-readiness-test");
        dev.northstar.platform.testing.TestTokens.useForEveryRequest(null);   // no default token from other test classes
        stack = Devstack.start(new Devstack.Settings(root, data, 57532, null, "postgres", "postgres", 59592, 59593,
                Map.of("roadmap-service", 18481, "backlog-service", 18482, "feedback-service", 18483, "analytics-service", 18484))
                .withServiceEnvironment(Map.of("NORTHSTAR_LOG_JSON", "true")));
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    static void awaitReadiness(int status, Duration within) {
        for (var service : stack.services()) {
            await(service.name() + " readiness " + status).atMost(within).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().get(service.url() + "/q/health/ready").statusCode() == status);
            System.out.printf("%s ready=%d%n", service.name(), status);
        }
    }

    @Test
    void readiness_fails_while_kafka_is_down_and_recovers_when_it_is_back() throws Exception {
        awaitReadiness(200, Duration.ofSeconds(90));
        stack.stopKafka();
        try {
            awaitReadiness(503, Duration.ofSeconds(30));
        } finally {
            stack.startKafka();
        }
        awaitReadiness(200, Duration.ofSeconds(90));
    }

    @Test
    void readiness_fails_while_postgres_is_down_and_recovers_when_it_is_back() throws Exception {
        awaitReadiness(200, Duration.ofSeconds(90));
        stack.stopPostgres();
        try {
            awaitReadiness(503, Duration.ofSeconds(30));
        } finally {
            stack.startPostgres();
        }
        awaitReadiness(200, Duration.ofSeconds(90));
        // and the service works again: a token-less call is refused the usual way, a write goes through
        given().get(stack.service("roadmap-service").url() + "/api/v1/products").then().statusCode(401);
        given().header("Authorization", "Bearer " + stack.signingKey().everything("ops@localhost"))
                .contentType("application/json").body(Map.of("name", "After the outage"))
                .post(stack.service("roadmap-service").url() + "/api/v1/products").then().statusCode(201);
    }

    @Test
    void with_json_logs_on_every_log_line_is_a_json_object() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path log = stack.logDirectory().resolve("backlog-service.log");
        var lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        org.assertj.core.api.Assertions.assertThat(lines).hasSizeGreaterThan(5);
        for (String line : lines) {
            var entry = json.readTree(line);
            org.assertj.core.api.Assertions.assertThat(entry.has("level") && entry.has("message") && entry.has("timestamp"))
                    .as(line).isTrue();
        }
    }
}
