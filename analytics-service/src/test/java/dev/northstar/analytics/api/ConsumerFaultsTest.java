package dev.northstar.analytics.api;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Roles;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.NetworkLink;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.Prometheus;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static dev.northstar.platform.testing.ManagementInterface.management;
import static dev.northstar.platform.testing.EventPublisher.count;
import static dev.northstar.platform.testing.TestTokens.actingAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The delivery guarantees under faults, on the facts consumer: a database outage loses and doubles nothing and
 * dead-letters nothing; one product's records that can never be stored do not hold up another product's, are
 * listed as dead letters, and are applied exactly once by a re-drive once the cause is fixed.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class ConsumerFaultsTest {
    private static final String DEAD_LETTERS = "northstar.feedback.events.dlt";
    /** How long another product's event may take behind a burst of 1,000 records that can never be applied (the target). */
    private static final Duration B_BOUND = Duration.ofSeconds(5);

    @AfterEach
    void reconnect() {
        NetworkLink.restore(PostgresDatabase.DATABASE_LINK);
    }

    @Test
    void a_database_outage_during_a_burst_loses_nothing_doubles_nothing_and_dead_letters_nothing() {
        UUID product = UUID.randomUUID();
        NetworkLink.cut(PostgresDatabase.DATABASE_LINK);
        Instant cut = Instant.now();
        AtomicBoolean wentUnready = new AtomicBoolean();
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(feedback(product, "c-" + i, "100.00"));
        }
        // the outage lasts until the consumer has been retrying for 30 s, readiness saying so meanwhile
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonPath ready = management().get("/q/health/ready").then().extract().jsonPath();
            if (ready.getString("status").equals("DOWN")) {
                wentUnready.set(true);
            }
            String stall = ready.getString("checks.find { it.name == 'Event consumers' }.data.facts");
            return stall != null && Duration.between(Instant.parse(stall.substring("retrying since ".length(),
                    stall.indexOf(' ', "retrying since ".length()))), Instant.now()).toSeconds() >= 30;
        });
        NetworkLink.restore(PostgresDatabase.DATABASE_LINK);
        Instant restored = Instant.now();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM feedback_facts WHERE product_id = ?", product) == 100);
        System.out.printf("outage: the database was unreachable for %d s, the consumer retried %.0f times; all 100 events"
                        + " were applied %d ms after it came back%n", Duration.between(cut, restored).toSeconds(), retries(),
                Duration.between(restored, Instant.now()).toMillis());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> management().get("/q/health/ready").then().statusCode(200));
        assertThat(wentUnready).as("readiness was down during the outage").isTrue();
        String ids = events.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        assertThat(count("SELECT count(*) FROM inbox WHERE consumer = ? AND event_id IN (" + ids + ")", "facts"))
                .isEqualTo(100);
        actingAs(Roles.VIEWER, product.toString()).get("/api/v1/products/" + product + "/metrics")
                .then().statusCode(200).body("'feedback.volume'.total", equalTo(100));
        Set<String> parked = TopicReader.readAll(DEAD_LETTERS, Duration.ofMillis(300)).stream()
                .map(r -> TopicReader.header(r, Headers.ID)).collect(Collectors.toSet());
        assertThat(events).noneMatch(id -> parked.contains(id.toString()));
        assertThat(retries()).isGreaterThan(0);
    }

    @Test
    void one_products_unstorable_records_do_not_hold_up_another_and_a_redrive_applies_them_once_after_the_fix()
            throws Exception {
        UUID poisoned = UUID.randomUUID();
        UUID healthy = UUID.randomUUID();
        // a service that has been running a while: a first burst warms the path up (the JIT compiles it), as in production
        double deadLettersBefore = deadLettered();
        List<UUID> poison = new ArrayList<>(poisonBurst(poisoned, 1000));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> deadLettered() - deadLettersBefore >= 1000);

        poison.addAll(poisonBurst(poisoned, 1000));
        Instant sent = Instant.now();
        UUID healthyEvent = feedback(healthy, "c-b", "10.00");
        // B waits behind the records of A on its own partition only (the partitions' copies run in parallel); on a
        // 2-core machine running the broker, the database and the service together this took 1.3-2.5 s.
        await().atMost(B_BOUND).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                actingAs(Roles.VIEWER, healthy.toString()).get("/api/v1/products/" + healthy + "/metrics")
                        .then().statusCode(200).body("'feedback.volume'.total", equalTo(1)));
        System.out.printf("product B's metric changed %d ms after its feedback was published behind 1,000 poison records"
                        + " (applied after %d ms)%n", Duration.between(sent, Instant.now()).toMillis(),
                count("SELECT (extract(epoch FROM handled_at) * 1000)::bigint FROM inbox WHERE event_id = ?", healthyEvent.toString())
                        - sent.toEpochMilli());

        String deadLetters = "/api/v1/admin/consumers/facts/dead-letters";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> listed = actingAs(Roles.ADMIN, TestTokens.ALL_PRODUCTS).get(deadLetters)
                    .then().statusCode(200).extract().jsonPath().getList("findAll { it.productId == '" + poisoned + "' }");
            assertThat(listed).hasSize(2000);
            assertThat(listed).allSatisfy(letter -> assertThat((String) letter.get("reason")).contains("numeric field overflow"));
        });

        // the fix: the operator widens the column
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE feedback_facts ALTER COLUMN account_value TYPE NUMERIC(24, 2)");
        }
        List<String> ids = poison.stream().map(UUID::toString).toList();
        actingAs(Roles.ADMIN, TestTokens.ALL_PRODUCTS).contentType(ContentType.JSON).body(Map.of("eventIds", ids))
                .post(deadLetters + "/redrive").then().statusCode(200)
                .body("findAll { it.outcome == 'APPLIED' }.size()", equalTo(2000));
        actingAs(Roles.ADMIN, TestTokens.ALL_PRODUCTS).contentType(ContentType.JSON).body(Map.of("eventIds", ids))
                .post(deadLetters + "/redrive").then().statusCode(200)
                .body("findAll { it.outcome == 'ALREADY_APPLIED' }.size()", equalTo(2000));
        assertThat(count("SELECT count(*) FROM feedback_facts WHERE product_id = ?", poisoned)).isEqualTo(2000);
        actingAs(Roles.VIEWER, poisoned.toString()).get("/api/v1/products/" + poisoned + "/metrics")
                .then().statusCode(200).body("'feedback.volume'.total", equalTo(2000));
    }

    /** Feedback with an account value analytics cannot store (NUMERIC(18, 2)), as a faulty publisher might send it, in one burst. */
    private static List<UUID> poisonBurst(UUID product, int records) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            UUID id = UUID.randomUUID();
            ids.add(EventPublisher.publishWithoutWaiting(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id,
                    payload(id, product, "c-" + i, "100000000000000000")));
        }
        EventPublisher.flush();
        return ids;
    }

    private static UUID feedback(UUID product, String customer, String accountValue) {
        UUID id = UUID.randomUUID();
        return EventPublisher.publish(Topics.FEEDBACK_EVENTS, "feedback", "FeedbackSubmitted", product, id,
                payload(id, product, customer, accountValue));
    }

    private static String payload(UUID id, UUID product, String customer, String accountValue) {
        return "{\"feedbackId\":\"" + id + "\",\"productId\":\"" + product + "\",\"source\":\"SURVEY\",\"customer\":{\"customerId\":\""
                + customer + "\",\"account\":\"Acme\",\"accountValue\":" + accountValue + "},\"text\":\"x\",\"rating\":9,"
                + "\"tags\":[],\"sentiment\":{\"score\":0.5,\"label\":\"POSITIVE\"}}";
    }

    private static double retries() {
        return counter("northstar_consumer_retries_total");
    }

    private static double deadLettered() {
        return counter("northstar_consumer_dead_letters_total");
    }

    private static double counter(String name) {
        return Prometheus.sum(name, "consumer=\"analytics-service.facts\"");
    }
}
