package dev.northstar.analytics.api;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Roles;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.DatabaseFaults;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.Prometheus;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.northstar.platform.testing.EventPublisher.count;
import static dev.northstar.platform.testing.ManagementInterface.management;
import static dev.northstar.platform.testing.TestTokens.actingAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every way a database refuses work for a while, none of them the fault of a record, against the facts consumer under
 * a steady stream of feedback: retried in place, never dead-lettered, every event applied once after recovery.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class DatabaseFaultMatrixTest {
    private static final String DEAD_LETTERS = "northstar.feedback.events.dlt";
    private static final int EVENTS = 30;

    @ParameterizedTest
    @EnumSource(DatabaseFaults.class)
    void a_database_refusing_work_dead_letters_nothing_and_every_event_is_applied_once(DatabaseFaults fault) throws Exception {
        UUID product = UUID.randomUUID();
        double retriesBefore = counter("northstar_consumer_retries_total");
        double deadLettersBefore = counter("northstar_consumer_dead_letters_total");
        List<UUID> events = new ArrayList<>();
        events.add(feedback(product, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> facts(product) == 1);
        Instant began = Instant.now();
        try (AutoCloseable ignored = fault.begin("feedback_facts")) {
            // the events arrive while the fault lasts, and it lasts until the consumer has met it (or given up on one)
            for (int i = 1; i < EVENTS; i++) {
                events.add(feedback(product, i));
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fault.showsIn(management().get("/q/health/ready").then().extract().jsonPath()
                            .getString("checks.find { it.name == 'Event consumers' }.data.facts"))
                            || counter("northstar_consumer_dead_letters_total") > deadLettersBefore);
        }
        Instant lifted = Instant.now();
        assertThat(counter("northstar_consumer_dead_letters_total")).as("dead letters").isEqualTo(deadLettersBefore);
        await().atMost(Duration.ofSeconds(60)).until(() -> facts(product) == EVENTS);
        System.out.printf("%s: lasted %d ms, %.0f retries, all %d events applied %d ms after it ended%n", fault,
                Duration.between(began, lifted).toMillis(), counter("northstar_consumer_retries_total") - retriesBefore,
                EVENTS, Duration.between(lifted, Instant.now()).toMillis());

        String ids = events.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        assertThat(count("SELECT count(*) FROM inbox WHERE consumer = ? AND event_id IN (" + ids + ")", "facts"))
                .isEqualTo(EVENTS);
        Set<String> parked = TopicReader.readAll(DEAD_LETTERS, Duration.ofMillis(300)).stream()
                .map(r -> TopicReader.header(r, Headers.ID)).collect(Collectors.toSet());
        assertThat(events).noneMatch(id -> parked.contains(id.toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                actingAs(Roles.VIEWER, product.toString()).get("/api/v1/products/" + product + "/metrics")
                        .then().statusCode(200).body("'feedback.volume'.total", equalTo(EVENTS)));
    }

    private static long facts(UUID product) {
        return count("SELECT count(*) FROM feedback_facts WHERE product_id = ?", product);
    }

    private static UUID feedback(UUID product, int i) {
        UUID id = UUID.randomUUID();
        return EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id,
                "{\"feedbackId\":\"" + id + "\",\"productId\":\"" + product + "\",\"source\":\"SURVEY\",\"customer\":"
                        + "{\"customerId\":\"c-" + i + "\",\"account\":\"Acme\",\"accountValue\":10.00},\"text\":\"x\","
                        + "\"rating\":9,\"tags\":[],\"sentiment\":{\"score\":0.5,\"label\":\"POSITIVE\"}}");
    }

    private static double counter(String name) {
        return Prometheus.sum(name, "consumer=\"analytics-service.facts\"");
    }
}
