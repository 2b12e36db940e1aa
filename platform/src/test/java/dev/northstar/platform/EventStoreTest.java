package dev.northstar.platform;

import dev.northstar.platform.eventstore.ConcurrencyConflict;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.EventTooLarge;
import dev.northstar.platform.eventstore.NewEvent;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.northstar.platform.testing.ManagementInterface.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class EventStoreTest {

    @Inject
    EventStore store;

    @Test
    void of_two_appends_at_the_same_version_exactly_one_wins() throws Exception {
        for (int round = 0; round < 20; round++) {
            UUID stream = UUID.randomUUID();
            TestStreams.append(store, stream, 0, 1);
            CyclicBarrier bothReady = new CyclicBarrier(2);
            List<Future<String>> outcomes = new ArrayList<>();
            try (ExecutorService writers = Executors.newFixedThreadPool(2)) {
                for (int writer = 0; writer < 2; writer++) {
                    outcomes.add(writers.submit(() -> {
                        bothReady.await();
                        try {
                            TestStreams.append(store, stream, 1, 2);
                            return "won";
                        } catch (ConcurrencyConflict e) {
                            return "conflict";
                        }
                    }));
                }
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).containsExactlyInAnyOrder("won", "conflict");
            assertThat(store.load(stream)).extracting(e -> e.streamVersion()).containsExactly(1, 2, 3);
        }
    }

    /** An event over 256 KiB (three-byte characters count thrice) is refused before anything of its append is written. */
    @Test
    void an_event_over_the_limit_is_refused_and_nothing_of_its_append_is_written() {
        UUID stream = UUID.randomUUID();
        List<NewEvent> events = List.of(new NewEvent(UUID.randomUUID(), "Small", "northstar.test.Small.v1", "{}"),
                new NewEvent(UUID.randomUUID(), "Huge", "northstar.test.Huge.v1",
                        "{\"text\":\"" + "€".repeat(EventTooLarge.LIMIT_BYTES / 3) + "\"}"));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> store.append(TestStreams.STREAM_TYPE, stream, null, 0,
                events, EventMetadata.now(UUID.randomUUID(), null, "test"))))
                .isInstanceOf(EventTooLarge.class).hasMessageContaining("262144 bytes (256 KiB)").hasMessageContaining("Huge");
        assertThat(store.load(stream)).isEmpty();
    }

    @Test
    void the_latest_event_of_each_type_comes_back_in_stream_order() {
        UUID stream = UUID.randomUUID();
        List<String> types = List.of("Renamed", "Moved", "Renamed", "Tagged", "Moved", "Renamed");
        List<NewEvent> events = types.stream().map(type -> new NewEvent(UUID.randomUUID(), type,
                "northstar.test." + type + ".v1", "{}")).toList();
        QuarkusTransaction.requiringNew().run(() -> store.append(TestStreams.STREAM_TYPE, stream, null, 0, events,
                EventMetadata.now(UUID.randomUUID(), null, "test")));

        assertThat(store.loadLatestOfEachType(stream)).extracting(StoredEvent::eventType, StoredEvent::streamVersion)
                .containsExactly(tuple("Tagged", 4), tuple("Moved", 5), tuple("Renamed", 6));
        assertThat(store.loadLatestOfEachType(UUID.randomUUID())).isEmpty();
    }

    @Test
    void prometheus_shows_the_outbox_backlog_and_the_consumers_lag() {
        TestStreams.append(store, UUID.randomUUID(), 0, 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("northstar_outbox_pending").contains("northstar_outbox_oldest_age_seconds")
                    .contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"kafka-consumer-effect-counter$1\"")
                    .containsPattern("northstar_projection_lag_seconds_count\\{consumer=\"platform-test.effect-counter\"[^}]*} [1-9]");
        });
    }

    @Test
    void a_stream_reads_as_it_was_at_an_instant() throws Exception {
        UUID stream = UUID.randomUUID();
        TestStreams.append(store, stream, 0, 2);
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        TestStreams.append(store, stream, 2, 3);

        assertThat(store.loadAsOf(stream, between)).hasSize(2);
        assertThat(store.load(stream)).hasSize(5);
        assertThat(store.loadAsOf(stream, Instant.EPOCH)).isEmpty();
    }
}
