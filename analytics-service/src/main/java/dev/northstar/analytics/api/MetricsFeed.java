package dev.northstar.analytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.analytics.domain.Metric;
import dev.northstar.analytics.readmodel.MetricsQueries;
import dev.northstar.analytics.readmodel.MetricsStream;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * A product's metrics as a stream: the current value of each, then every change, for as long as the caller's
 * credential (a token, a share link) lasts, counted among the caller's open streams.
 */
@ApplicationScoped
public class MetricsFeed {
    private final MetricsQueries metrics;
    private final MetricsStream stream;
    private final ObjectMapper json;
    private final OpenStreams openStreams;

    public MetricsFeed(MetricsQueries metrics, MetricsStream stream, ObjectMapper json, OpenStreams openStreams) {
        this.metrics = metrics;
        this.stream = stream;
        this.json = json;
        this.openStreams = openStreams;
    }

    public Multi<JsonNode> follow(UUID productId, String caller, Duration openFor) {
        Runnable release = openStreams.open(caller);
        // Subscribe to the live updates before reading the current values, and hold them back until those are
        // sent: a change that lands while the current values are read is then sent after them, never lost.
        UnicastProcessor<JsonNode> live = UnicastProcessor.create();
        Cancellable liveSubscription = stream.of(productId).subscribe().with(live::onNext, live::onError, live::onComplete);
        // the current values come from the database: read them on a worker thread, not on the event loop
        Multi<JsonNode> current = Multi.createFrom().items(() -> Arrays.stream(Metric.values())
                        .map(metric -> (JsonNode) json.valueToTree(Map.of("productId", productId, "metric", metric.key(),
                                "value", metrics.value(productId, metric), "at", Instant.now().toString()))))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return Multi.createBy().concatenating().streams(current, live)
                .onOverflow().buffer(1024)   // a client too slow for this many updates is dropped, not buffered forever
                .select().first(openFor)
                .onTermination().invoke(() -> {
                    liveSubscription.cancel();
                    release.run();
                });
    }
}
