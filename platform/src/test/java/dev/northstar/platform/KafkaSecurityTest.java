package dev.northstar.platform;

import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.StoredEvent;
import dev.northstar.platform.kafka.KafkaClients;
import dev.northstar.platform.testing.KafkaBroker;
import dev.northstar.platform.testing.PostgresDatabase;
import dev.northstar.platform.testing.SecuredKafka;
import dev.northstar.platform.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.northstar.platform.testing.ManagementInterface.management;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Against a broker that authenticates and authorizes its clients, the service's Kafka settings (here
 * {@code kafka.security.protocol}, {@code kafka.sasl.*}, as the chart sets them through KAFKA_* variables) reach every
 * Kafka client it has: the outbox relay publishes, the consumer reads in its group, the health check describes the
 * cluster, all as the service's user, which can do no more than its ACLs allow.
 */
@QuarkusTest
@WithTestResource(value = KafkaBroker.class, initArgs = @ResourceArg(name = KafkaBroker.SECURITY, value = KafkaBroker.SASL))
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TestTokens.class)
class KafkaSecurityTest {
    @Inject
    EventStore store;
    @Inject
    KafkaClients kafka;

    @Test
    void every_kafka_client_of_the_service_authenticates_with_its_configured_user_and_stays_within_its_acls() throws Exception {
        StoredEvent event = TestStreams.append(store, UUID.randomUUID(), 0, 1).getFirst();
        await().atMost(Duration.ofSeconds(30)).until(() -> TestStreams.timesApplied(event.eventId()) == 1);
        management().get("/q/health/group/kafka").then().statusCode(200);

        try (Producer<String, String> producer = kafka.producer("probe")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(SecuredKafka.FORBIDDEN_TOPIC, "k", "{}"))
                    .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }
}
