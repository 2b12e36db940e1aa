package dev.northstar.analytics.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.events.AnalyticsEvent.MetricChanged;
import dev.northstar.platform.messaging.EventDecoder;
import dev.northstar.platform.messaging.PermanentFailure;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Feeds the SSE streams from {@code northstar.analytics.metrics} itself, so that a dashboard sees exactly
 * the committed updates the topic carries, as soon as the relay publishes them. Every instance reads
 * every partition from the end in a consumer group of its own (channel {@code metrics-stream}): each serves its
 * own SSE clients.
 */
@ApplicationScoped
public class MetricsStream {
    private static final Logger LOG = Logger.getLogger(MetricsStream.class);

    private final EventDecoder decoder;
    private final ObjectMapper json;
    private final BroadcastProcessor<MetricChanged> updates = BroadcastProcessor.create();

    public MetricsStream(EventDecoder decoder, ObjectMapper json) {
        this.decoder = decoder;
        this.json = json;
    }

    @Incoming("metrics-stream")
    public void onUpdate(ConsumerRecord<String, String> record) {
        try {
            decoder.decode(record).map(event -> event.payload())
                    .filter(MetricChanged.class::isInstance).map(MetricChanged.class::cast)
                    .ifPresent(updates::onNext);
        } catch (PermanentFailure unreadable) {
            LOG.warnf("skipping an unreadable metric update at %s/%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), unreadable.getMessage());
        }
    }

    /** The updates of one product, from now on. */
    public Multi<JsonNode> of(UUID productId) {
        // a slow client gets a buffer of its own; one that falls too far behind is dropped, not the others
        return updates.filter(update -> productId.equals(update.productId()))
                .onOverflow().buffer(1024)
                .map(update -> (JsonNode) json.valueToTree(update));
    }
}
