package dev.northstar.analytics.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Feeds the SSE streams from {@code northstar.analytics.metrics} itself, so that a dashboard sees exactly
 * the committed updates the topic carries, as soon as the relay publishes them. Every instance reads
 * every partition from the end (no consumer group): each serves its own SSE clients.
 */
@ApplicationScoped
public class MetricsStream {
    private static final Logger LOG = Logger.getLogger(MetricsStream.class);

    private final KafkaClients kafka;
    private final ObjectMapper json;
    private final BroadcastProcessor<JsonNode> updates = BroadcastProcessor.create();
    private volatile boolean running = true;
    private volatile Consumer<String, String> consumer;
    private Thread thread;

    public MetricsStream(KafkaClients kafka, ObjectMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) {
        thread = Thread.ofPlatform().name("metrics-stream").daemon().start(this::run);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        Consumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** The updates of one product, from now on. */
    public Multi<JsonNode> of(UUID productId) {
        String product = productId.toString();
        // a slow client gets a buffer of its own; one that falls too far behind is dropped, not the others
        return updates.filter(update -> product.equals(update.path("productId").asText()))
                .onOverflow().buffer(1024);
    }

    private void run() {
        while (running) {
            try (Consumer<String, String> c = kafka.consumer("metrics-stream-" + UUID.randomUUID())) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(Topics.ANALYTICS_METRICS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                c.seekToEnd(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                        updates.onNext(json.readTree(record.value()));
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("metrics stream failed, reconnecting: %s", e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
