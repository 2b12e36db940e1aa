package dev.northstar.platform;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Roles;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.Prometheus;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.northstar.platform.testing.ManagementInterface.management;
import static dev.northstar.platform.testing.TestTokens.actingAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The failure semantics every consumer shares, seen through the test consumer {@link EffectCounter}. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class InboxTest {
    private static final String DEAD_LETTERS = "northstar.platform-test.events.dlt";

    @Test
    void a_permanent_failure_is_dead_lettered_at_once_with_its_reason_and_the_partition_moves_on() {
        double retriesBefore = retries();
        UUID key = UUID.randomUUID();
        UUID poison = estimate(key, -1);
        UUID healthy = estimate(key, 3);

        await().atMost(Duration.ofSeconds(10)).until(() -> TestStreams.timesApplied(healthy) == 1);
        assertThat(TestStreams.timesApplied(poison)).isZero();
        ConsumerRecord<String, String> parked = TopicReader.readAll(DEAD_LETTERS, Duration.ofMillis(300)).stream()
                .filter(r -> poison.toString().equals(TopicReader.header(r, Headers.ID))).findFirst().orElseThrow();
        assertThat(TopicReader.header(parked, "dead-letter-reason")).contains("an estimate cannot be negative");
        assertThat(TopicReader.header(parked, Headers.DLT_CONSUMER)).isEqualTo("platform-test.effect-counter");
        assertThat(TopicReader.header(parked, "dead-letter-topic")).isEqualTo(EffectCounter.TOPIC);
        assertThat(TopicReader.header(parked, "dead-letter-offset")).isNotBlank();
        assertThat(retries()).as("a record that can never succeed is not retried").isEqualTo(retriesBefore);
    }

    @Test
    void a_transient_failure_is_retried_in_place_until_it_goes_through_once_and_is_never_dead_lettered() {
        double retriesBefore = retries();
        UUID flaky = estimate(UUID.randomUUID(), EffectCounter.FLAKY);

        await().atMost(Duration.ofSeconds(20)).until(() -> TestStreams.timesApplied(flaky) == 1);
        assertThat(retries() - retriesBefore).isGreaterThanOrEqualTo(EffectCounter.FLAKY_FAILURES);
        assertThat(TopicReader.readAll(DEAD_LETTERS, Duration.ofMillis(300)))
                .noneMatch(r -> flaky.toString().equals(TopicReader.header(r, Headers.ID)));
        management().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void an_event_of_a_type_the_contracts_do_not_know_is_skipped_and_one_that_breaks_its_contract_is_dead_lettered() {
        UUID key = UUID.randomUUID();
        UUID unknown = EventPublisher.publish(EffectCounter.TOPIC, "backlog", "ItemTeleported", UUID.randomUUID(), key, "{}");
        UUID broken = EventPublisher.publish(EffectCounter.TOPIC, "backlog", "ItemCreated", UUID.randomUUID(), key,
                "{\"itemId\":\"" + key + "\"}");
        UUID healthy = estimate(key, 5);

        await().atMost(Duration.ofSeconds(10)).until(() -> TestStreams.timesApplied(healthy) == 1);
        assertThat(TestStreams.timesApplied(unknown)).isZero();
        List<ConsumerRecord<String, String>> parked = TopicReader.readAll(DEAD_LETTERS, Duration.ofMillis(300));
        assertThat(parked).noneMatch(r -> unknown.toString().equals(TopicReader.header(r, Headers.ID)));
        assertThat(parked).anySatisfy(r -> {
            assertThat(TopicReader.header(r, Headers.ID)).isEqualTo(broken.toString());
            assertThat(TopicReader.header(r, "dead-letter-reason")).contains("missing required field productId");
        });
    }

    @Test
    void dead_letters_are_listed_and_a_redrive_applies_each_once_after_the_cause_is_fixed() {
        UUID poison = estimate(UUID.randomUUID(), -2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> actingAs(Roles.ADMIN, TestTokens.ALL_PRODUCTS)
                .get("/api/v1/admin/consumers/effect-counter/dead-letters")
                .then().statusCode(200)
                .body("find { it.eventId == '" + poison + "' }.reason", containsString("cannot be negative"))
                .body("find { it.eventId == '" + poison + "' }.originalTopic", equalTo(EffectCounter.TOPIC))
                .body("find { it.eventId == '" + poison + "' }.redriven", equalTo(false)));

        EffectCounter.acceptNegativeEstimates = true;
        try {
            actingAs(Roles.ADMIN, TestTokens.ALL_PRODUCTS).contentType(ContentType.JSON)
                    .body(Map.of("eventIds", List.of(poison.toString())))
                    .post("/api/v1/admin/consumers/effect-counter/dead-letters/redrive")
                    .then().statusCode(200).body("outcome", hasItem("APPLIED"));
            actingAs(Roles.ADMIN, TestTokens.ALL_PRODUCTS).contentType(ContentType.JSON)
                    .body(Map.of("eventIds", List.of(poison.toString())))
                    .post("/api/v1/admin/consumers/effect-counter/dead-letters/redrive")
                    .then().statusCode(200).body("outcome", hasItem("ALREADY_APPLIED"));
        } finally {
            EffectCounter.acceptNegativeEstimates = false;
        }
        assertThat(TestStreams.timesApplied(poison)).isEqualTo(1);
        actingAs(Roles.ADMIN, TestTokens.ALL_PRODUCTS).get("/api/v1/admin/consumers/effect-counter/dead-letters")
                .then().body("find { it.eventId == '" + poison + "' }.redriven", equalTo(true));
        actingAs(Roles.PRODUCT_OWNER, TestTokens.ALL_PRODUCTS).get("/api/v1/admin/consumers/effect-counter/dead-letters")
                .then().statusCode(403);
        actingAs(Roles.ADMIN, TestTokens.ALL_PRODUCTS).get("/api/v1/admin/consumers/nobody/dead-letters")
                .then().statusCode(404);
    }

    private static UUID estimate(UUID item, int jobSize) {
        return EventPublisher.publish(EffectCounter.TOPIC, "backlog", "ItemEstimated", UUID.randomUUID(), item,
                "{\"jobSize\":" + jobSize + "}");
    }

    /** northstar_consumer_retries_total of the test consumer, as Prometheus reads it. */
    private static double retries() {
        return Prometheus.sum("northstar_consumer_retries_total", "consumer=\"platform-test.effect-counter\"");
    }
}
