package dev.northstar.backlog.api;

import dev.northstar.backlog.support.RoadmapFixture;
import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The W3C trace context goes from an HTTP request through the outbox into Kafka, and from Kafka through a consumer on. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class TracingTest {
    UUID product;

    @BeforeEach
    void product() {
        TestTokens.useForEveryRequest(TestTokens.everything("po@example.com"));
        product = RoadmapFixture.product();
    }

    static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    static String traceIdOf(ConsumerRecord<String, String> record) {
        String traceparent = TopicReader.header(record, "traceparent");
        assertThat(traceparent).as("traceparent of %s", TopicReader.header(record, Headers.TYPE)).isNotNull();
        return traceparent.split("-")[1];
    }

    ConsumerRecord<String, String> published(String key, String type) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> TopicReader.readAll(Topics.BACKLOG_EVENTS, Duration.ofMillis(300))
                        .stream().filter(r -> key.equals(r.key()) && type.equals(TopicReader.header(r, Headers.TYPE))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    void the_trace_of_a_request_reaches_the_published_event() {
        String traceId = randomHex(16);
        String id = given().contentType(ContentType.JSON).header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .body(Map.of("type", "BUG", "title", "Traced")).post("/api/v1/products/" + product + "/backlog/items")
                .then().statusCode(201).extract().path("id");

        assertThat(traceIdOf(published(id, "northstar.backlog.ItemCreated.v1"))).isEqualTo(traceId);
    }

    @Test
    void a_consumer_continues_the_trace_of_the_event_it_handles() {
        UUID theme = RoadmapFixture.theme(product, "1");
        UUID initiative = RoadmapFixture.initiative(product, theme, "LATER");
        String item = given().contentType(ContentType.JSON)
                .body(Map.of("type", "STORY", "title", "Linked", "jobSize", 2, "businessValue", 5, "timeCriticality", 3,
                        "riskReduction", 2, "initiativeId", initiative.toString()))
                .post("/api/v1/products/" + product + "/backlog/items").then().statusCode(201).extract().path("id");

        String traceId = randomHex(16);
        EventPublisher.publish(UUID.randomUUID(), Topics.ROADMAP_EVENTS, "roadmap", "InitiativeMoved", product, initiative,
                "{\"productId\":\"" + product + "\",\"themeId\":\"" + theme + "\",\"fromHorizon\":\"LATER\",\"toHorizon\":\"NOW\"}",
                Map.of("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01"));

        ConsumerRecord<String, String> reprioritized = published(item, "northstar.backlog.ItemReprioritized.v1");
        assertThat(traceIdOf(reprioritized)).isEqualTo(traceId);
        assertThat(traceIdOf(published(item, "northstar.backlog.ItemCreated.v1"))).isNotEqualTo(traceId);
        assertThat(List.of(reprioritized)).hasSize(1);
    }
}
