package dev.northstar.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Headers;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.kafka.KafkaClients;
import dev.northstar.platform.outbox.Outbox;
import dev.northstar.platform.outbox.OutboxPublisher;
import dev.northstar.platform.outbox.OutboxRelay;
import dev.northstar.platform.outbox.ParkedOutbox;
import dev.northstar.platform.tracing.MessageTracing;
import dev.northstar.platform.testing.EventPublisher;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.ManagementInterface;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.Prometheus;
import dev.northstar.platform.testing.TestTokens;
import dev.northstar.platform.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class OutboxRelayTest {
    private static final String TOPIC = EffectCounter.TOPIC;

    @Inject
    EventStore store;
    @Inject
    OutboxRelay relay;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    KafkaClients kafka;
    @Inject
    ObjectMapper json;
    @Inject
    MessageTracing tracing;
    @Inject
    Outbox outbox;
    @Inject
    ParkedOutbox parked;

    @Test
    void the_events_of_one_stream_arrive_in_order() throws Exception {
        List<UUID> streams = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
        try (ExecutorService writers = Executors.newFixedThreadPool(3)) {
            for (UUID stream : streams) {
                writers.submit(() -> {
                    for (int version = 0; version < 30; version += 3) {
                        TestStreams.append(store, stream, version, 3);
                    }
                    return null;
                });
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> streams.stream()
                .allMatch(s -> store.load(s).stream().allMatch(e -> TestStreams.timesApplied(e.eventId()) == 1)));
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(TOPIC, Duration.ofSeconds(1));
        for (UUID stream : streams) {
            List<Integer> versions = records.stream()
                    .filter(r -> stream.toString().equals(r.key()))
                    .map(r -> Integer.parseInt(TopicReader.header(r, Headers.STREAM_VERSION)))
                    .toList();
            assertThat(versions).as("versions of stream %s in topic order", stream)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());
        }
    }

    @Test
    void a_relay_dying_between_publishing_and_marking_still_delivers_and_the_inbox_applies_once() throws Exception {
        relay.stop();
        List<StoredEvent> events;
        try {
            events = TestStreams.append(store, UUID.randomUUID(), 0, 3);
            try (Producer<String, String> producer = kafka.producer("crashing-relay")) {
                OutboxPublisher crashing = new OutboxPublisher(dataSource, producer, json, tracing, 500) {
                    @Override
                    protected void markPublished(List<OutboxRow> rows) throws SQLException {
                        throw new SQLException("relay process killed before it marked the rows as published");
                    }
                };
                assertThatThrownBy(crashing::publishNextBatch).isInstanceOf(SQLException.class);
            }
        } finally {
            relay.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = TopicReader.readAll(TOPIC, Duration.ofMillis(300));
            for (StoredEvent event : events) {
                long copies = records.stream().filter(r -> event.eventId().toString().equals(TopicReader.header(r, Headers.ID))).count();
                assertThat(copies).as("copies of %s on the topic", event.eventId()).isEqualTo(2);
            }
        });
        // and stay applied once while the second copies go by
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (StoredEvent event : events) {
                assertThat(TestStreams.timesApplied(event.eventId())).as("effects of %s", event.eventId()).isEqualTo(1);
            }
        });
    }

    @Test
    void a_record_the_broker_refuses_as_too_large_is_parked_and_the_rows_behind_it_flow_once() {
        UUID before = UUID.randomUUID();
        UUID tooLarge = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(List.of(message(before, "{}"),
                message(tooLarge, "{\"text\":\"" + "x".repeat(1_500_000) + "\"}"), message(after, "{}"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> parked.count() >= 1 && copiesOf(after) == 1);
        assertThat(parked.list()).filteredOn(row -> row.eventId().equals(tooLarge)).singleElement().satisfies(row -> {
            assertThat(row.reason()).contains("larger than");
            assertThat(row.bytes()).isGreaterThan(1_500_000);
        });
        // nothing is published again because of it, and the outbox drains
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(copiesOf(before)).isEqualTo(1);
            assertThat(copiesOf(after)).isEqualTo(1);
            assertThat(copiesOf(tooLarge)).isZero();
        });
        assertThat(EventPublisher.count("SELECT count(*) FROM outbox")).isZero();
        ManagementInterface.management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Outbox' }.data.parked", greaterThanOrEqualTo(1))
                .body("checks.find { it.name == 'Outbox' }.data.oldestParked", containsString("larger than"));
        assertThat(Prometheus.sum("northstar_outbox_parked", "")).isGreaterThanOrEqualTo(1);

        // an operator discards it (a re-drive would put it back at the end of the outbox)
        parked.list().forEach(row -> parked.discard(row.id()));
        assertThat(parked.count()).isZero();
    }

    private static Outbox.Message message(UUID id, String payload) {
        return new Outbox.Message(id, TOPIC, UUID.randomUUID().toString(),
                Map.of(Headers.ID, id.toString(), Headers.TYPE, "northstar.platform-test.NotForAnyone.v1"), payload);
    }

    private static long copiesOf(UUID id) {
        return TopicReader.readAll(TOPIC, Duration.ofMillis(300)).stream()
                .filter(r -> id.toString().equals(TopicReader.header(r, Headers.ID))).count();
    }
}
