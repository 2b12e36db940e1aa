package dev.northstar.systemtests;

import dev.northstar.devstack.Devstack;
import dev.northstar.devstack.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The services of this stack log JSON (NORTHSTAR_LOG_JSON=true), which the last test reads.
 * Readiness follows the database: while PostgreSQL is down every service answers 503 on /q/health/ready (so
 * Kubernetes stops routing to it), and it is ready again once it is back, without a restart. A Kafka outage does not
 * take them out of service: writes wait in the outbox, and Kafka's own health is reported apart.
 */
class ReadinessTest {
    static Devstack stack;
    static Path data;

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("northstar.root", "..")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("northstar-readiness-test");
        dev.northstar.platform.testing.TestTokens.useForEveryRequest(null);   // no default token from other test classes
        // PostgreSQL's and Kafka's ports below Linux's ephemeral range (32768-60999), where an outgoing connection may
        // hold a port just when the test wants to listen on it
        stack = Devstack.start(new Devstack.Settings(root, data, 27532, null, "postgres", "postgres", 29592, 29593,
                Map.of("roadmap-service", 18481, "backlog-service", 18482, "feedback-service", 18483, "analytics-service", 18484, "integrations-service", 18486))
                .withServiceEnvironment(Map.of("NORTHSTAR_LOG_JSON", "true")));
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (stack != null) {
            stack.close();
            Devstack.deleteStoresOf(data);
        }
    }

    static void awaitReadiness(int status, Duration within) {
        for (var service : stack.services()) {
            await(service.name() + " readiness " + status).atMost(within).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().get(service.managementUrl() + "/q/health/ready").statusCode() == status);
            System.out.printf("%s ready=%d%n", service.name(), status);
        }
    }

    @Test
    void while_kafka_is_down_the_services_stay_ready_and_take_writes_which_reach_the_others_once_it_is_back()
            throws Exception {
        awaitReadiness(200, Duration.ofSeconds(90));
        awaitKafkaHealth(200, Duration.ofSeconds(30));
        String token = "Bearer " + stack.signingKey().everything("pm@localhost");
        String roadmap = stack.service("roadmap-service").url();
        String initiative;
        stack.stopKafka();
        try {
            awaitKafkaHealth(503, Duration.ofSeconds(30));
            for (var service : stack.services()) {
                await(service.name() + " reports Kafka unreachable").atMost(Duration.ofSeconds(30))
                        .until(() -> metric(service, "northstar_kafka_reachable") == 0);
            }
            // a service started now comes up and is ready without Kafka (it creates its topics once Kafka is back)
            try (ServiceProcess late = stack.startReplica("feedback-service", 18485)) {
                given().get(late.managementUrl() + "/q/health/group/kafka").then().statusCode(503);
            }
            // Kubernetes keeps routing to them: readiness holds, and a write is accepted into the outbox
            for (var service : stack.services()) {
                given().get(service.managementUrl() + "/q/health/ready").then().log().ifValidationFails().statusCode(200);
            }
            String product = given().header("Authorization", token).contentType("application/json")
                    .body(Map.of("name", "Written while Kafka was down")).post(roadmap + "/api/v1/products")
                    .then().statusCode(201).extract().path("id");
            String theme = given().header("Authorization", token).contentType("application/json")
                    .body(Map.of("name", "Resilience", "weight", 1)).post(roadmap + "/api/v1/products/" + product + "/themes")
                    .then().statusCode(201).extract().path("id");
            initiative = product + "/backlog/initiatives/" + given().header("Authorization", token)
                    .contentType("application/json").body(Map.of("title", "Offline mode", "themeId", theme, "horizon", "NEXT"))
                    .post(roadmap + "/api/v1/products/" + product + "/initiatives").then().statusCode(201).extract().path("id");
        } finally {
            stack.startKafka();
        }
        awaitKafkaHealth(200, Duration.ofSeconds(90));
        awaitReadiness(200, Duration.ofSeconds(30));
        // what was written during the outage reaches backlog-service through Kafka
        String known = stack.service("backlog-service").url() + "/api/v1/products/" + initiative;
        await("backlog-service knows the initiative created during the outage").atMost(Duration.ofSeconds(60))
                .until(() -> given().header("Authorization", token).get(known).statusCode() == 200);
        for (var service : stack.services()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(service, "northstar_kafka_reachable") == 1);
        }
    }

    /**
     * Erasing a customer while Kafka is down: the key is destroyed at once (the customer reads as erased right away),
     * and the erasure, kept in the outbox, reaches the customer-keys topic once Kafka is back: nothing lost.
     */
    @Test
    void an_erasure_while_kafka_is_down_holds_at_once_and_reaches_the_key_topic_when_it_is_back() throws Exception {
        awaitReadiness(200, Duration.ofSeconds(90));
        awaitKafkaHealth(200, Duration.ofSeconds(30));
        String token = "Bearer " + stack.signingKey().everything("dpo@localhost");
        String product = given().header("Authorization", token).contentType("application/json")
                .body(Map.of("name", "Erased offline")).post(stack.service("roadmap-service").url() + "/api/v1/products")
                .then().statusCode(201).extract().path("id");
        String customers = stack.service("feedback-service").url() + "/api/v1/products/" + product + "/customers/";
        String entries = stack.service("feedback-service").url() + "/api/v1/products/" + product + "/feedback";
        String feedback = await("feedback-service knows the product").atMost(Duration.ofSeconds(30)).until(() -> given()
                .header("Authorization", token).contentType("application/json").body(Map.of("source", "SUPPORT",
                        "customerId", "c-offline", "text", "Please work offline")).post(entries), r -> r.statusCode() == 201).path("id");
        String erasedRef;
        stack.stopKafka();
        try {
            awaitKafkaHealth(503, Duration.ofSeconds(30));
            erasedRef = given().header("Authorization", token).delete(customers + "c-offline").then().statusCode(200)
                    .extract().path("customerRef");
            given().header("Authorization", token).get(entries + "/" + feedback).then().statusCode(200)
                    .body("customerId", equalTo("[erased]")).body("text", equalTo("[erased]"));
        } finally {
            stack.startKafka();
        }
        awaitKafkaHealth(200, Duration.ofSeconds(90));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "readiness-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("northstar.feedback.customer-keys"));
            List<String> erasures = new ArrayList<>();
            await("the erasure on northstar.feedback.customer-keys").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (erasedRef.equals(record.key()) && record.value().contains("\"erasedAt\"")) {
                        erasures.add(record.value());
                    }
                }
                return !erasures.isEmpty();
            });
        }
    }

    static void awaitKafkaHealth(int status, Duration within) {
        for (var service : stack.services()) {
            await(service.name() + " Kafka health " + status).atMost(within).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().get(service.managementUrl() + "/q/health/group/kafka").statusCode() == status);
        }
    }

    static double metric(ServiceProcess service, String name) {
        return given().get(service.managementUrl() + "/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
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
