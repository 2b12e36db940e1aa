package dev.northstar.platform;

import dev.northstar.platform.consistency.Position;
import dev.northstar.platform.consistency.Position.Mark;
import dev.northstar.contracts.Headers;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A write answers Northstar-Position; a request with Northstar-After answers once the service's consumers have applied
 * it (here the test consumer of the service's own topic), or 503 naming the consumer that is behind.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class ReadYourWritesTest {

    @Test
    void a_read_after_a_write_position_sees_the_write_applied_by_the_consumer() throws SQLException {
        Response written = given().post("/test/positions").then().statusCode(201)
                .header("Northstar-Position", notNullValue()).extract().response();
        String position = written.header("Northstar-Position");
        Mark mark = Position.decode(position).marks().getFirst();
        assertThat(Position.decode(position).marks()).containsExactly(mark);
        assertThat(mark.topic()).isEqualTo(EffectCounter.TOPIC);

        given().header("Northstar-After", position).get("/test/positions/" + written.path("eventId"))
                .then().statusCode(200).body("applied", equalTo(1));
        assertThat(appliedOffset(mark)).as("what the consumer recorded, in the transaction of its effect")
                .isGreaterThanOrEqualTo(mark.offset());
    }

    @Test
    void an_event_the_consumer_skips_still_moves_its_position() {
        UUID skipped = EventPublisher.publish(EffectCounter.TOPIC, "backlog", "ItemTeleported", UUID.randomUUID(),
                UUID.randomUUID(), "{}");
        ConsumerRecord<String, String> record = TopicReader.readAll(EffectCounter.TOPIC, Duration.ofMillis(300)).stream()
                .filter(r -> skipped.toString().equals(TopicReader.header(r, Headers.ID))).findFirst().orElseThrow();
        Mark mark = new Mark(record.topic(), record.partition(), record.offset());

        await().atMost(Duration.ofSeconds(10)).until(() -> appliedOffset(mark) >= mark.offset());
        given().header("Northstar-After", Position.of(List.of(mark)).encode()).get("/test/positions/" + skipped)
                .then().statusCode(200).body("applied", equalTo(0));
    }

    private static long appliedOffset(Mark mark) throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY));
             PreparedStatement ps = connection.prepareStatement("""
                     SELECT applied_offset FROM consumer_positions
                     WHERE consumer = 'effect-counter' AND topic = ? AND kafka_partition = ?""")) {
            ps.setString(1, mark.topic());
            ps.setInt(2, mark.partition());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    @Test
    void a_position_that_is_not_one_is_a_400_problem() {
        given().header("Northstar-After", "not-a-position").get("/test/positions/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Northstar-After"));
    }

    @Test
    void a_position_on_a_topic_no_consumer_here_reads_counts_as_applied() {
        String elsewhere = Position.of(List.of(new Mark("northstar.elsewhere.events", 0, 1_000_000))).encode();

        given().header("Northstar-After", elsewhere).get("/test/positions/" + UUID.randomUUID())
                .then().statusCode(200);
    }

    @Test
    void a_position_past_the_end_of_its_partition_was_never_written_here_and_does_not_hold_the_read() {
        String unknown = Position.of(List.of(new Mark(EffectCounter.TOPIC, 0, 1_000_000_000L))).encode();

        given().header("Northstar-After", unknown).get("/test/positions/" + UUID.randomUUID())
                .then().statusCode(200);
    }

    @Test
    void a_consumer_held_back_past_the_bound_is_a_503_that_names_it_and_the_lag_and_then_the_read_goes_through() throws Exception {
        try (Connection lock = DriverManager.getConnection(System.getProperty(PostgresDatabase.JDBC_URL_PROPERTY))) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE test_effects IN ACCESS EXCLUSIVE MODE");
            }
            Response written = given().post("/test/positions").then().statusCode(201).extract().response();
            String position = written.header("Northstar-Position");
            assertThat(position).isNotNull();

            given().header("Northstar-After", position).get("/test/positions/" + written.path("eventId"))
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("type", equalTo("https://northstar.dev/problems/not-caught-up"))
                    .body("consumer", equalTo("effect-counter"))
                    .body("behind", greaterThanOrEqualTo(1))
                    .body("lag[0].topic", equalTo(EffectCounter.TOPIC));
            lock.rollback();

            given().header("Northstar-After", position).get("/test/positions/" + written.path("eventId"))
                    .then().statusCode(200).body("applied", equalTo(1));
        }
    }
}
