package dev.northstar.analytics.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.analytics.domain.Metric;
import dev.northstar.analytics.readmodel.MetricsQueries;
import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.inbox.IncomingEvent;
import dev.northstar.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Puts the new value of each changed metric on {@code northstar.analytics.metrics} through the outbox,
 * keyed {@code <productId>/<metric>} so that a compacted topic keeps the latest value of every metric.
 */
@ApplicationScoped
public class MetricChanges {
    private final MetricsQueries metrics;
    private final Outbox outbox;
    private final ObjectMapper json;

    public MetricChanges(MetricsQueries metrics, Outbox outbox, ObjectMapper json) {
        this.metrics = metrics;
        this.outbox = outbox;
        this.json = json;
    }

    /** What a dashboard receives: the metric's whole new value, and the event that changed it. */
    public record MetricUpdate(UUID productId, String metric, Object value, Instant at, String causedBy, String causedByType) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(UUID productId, List<Metric> changed, IncomingEvent cause) {
        List<Outbox.Message> messages = new ArrayList<>();
        for (Metric metric : changed) {
            MetricUpdate update = new MetricUpdate(productId, metric.key(), metrics.value(productId, metric), Instant.now(),
                    cause.id(), cause.type());
            Map<String, String> headers = new LinkedHashMap<>();
            UUID id = UUID.randomUUID();
            headers.put(Headers.SPEC_VERSION, "1.0");
            headers.put(Headers.ID, id.toString());
            headers.put(Headers.TYPE, "northstar.analytics.MetricChanged.v1");
            headers.put(Headers.SOURCE, "/northstar/analytics-service");
            headers.put(Headers.SUBJECT, metric.key());
            headers.put(Headers.TIME, update.at().toString());
            headers.put(Headers.CONTENT_TYPE, "application/json");
            headers.put(Headers.PRODUCT_ID, productId.toString());
            headers.put(Headers.CAUSATION_ID, cause.id());
            try {
                messages.add(new Outbox.Message(id, Topics.ANALYTICS_METRICS, productId + "/" + metric.key(), headers,
                        json.writeValueAsString(update)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        outbox.enqueue(messages);
    }
}
