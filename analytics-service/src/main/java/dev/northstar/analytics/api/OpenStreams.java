package dev.northstar.analytics.api;

import dev.northstar.platform.api.Problem;
import dev.northstar.platform.api.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The metric streams open now, per caller and in all ({@code northstar_metric_streams_open}): a caller may hold at
 * most {@code northstar.streams.per-caller} at once (a dashboard needs one per product), so one token cannot tie up
 * the service with connections.
 */
@ApplicationScoped
public class OpenStreams {
    private final ConcurrentHashMap<String, AtomicInteger> perCaller = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final int perCallerLimit;

    public OpenStreams(MeterRegistry registry, @ConfigProperty(name = "northstar.streams.per-caller", defaultValue = "10") int perCallerLimit) {
        this.perCallerLimit = perCallerLimit;
        Gauge.builder("northstar.metric.streams.open", open, AtomicInteger::get).tag("stream", "metrics")
                .description("metric streams (Server-Sent Events) open now").register(registry);
    }

    /**
     * Takes one of the caller's stream slots, or answers 429 when they hold all of them; the returned action gives the
     * slot back (once, however often it runs).
     */
    public Runnable open(String caller) {
        AtomicInteger held = perCaller.computeIfAbsent(caller, name -> new AtomicInteger());
        if (held.incrementAndGet() > perCallerLimit) {
            release(caller, held);
            throw new ProblemException(Problem.of(429, "too-many-streams", "Too many streams",
                    "this caller already has " + perCallerLimit + " metric streams open; close one first"));
        }
        open.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
                release(caller, held);
            }
        };
    }

    private void release(String caller, AtomicInteger held) {
        if (held.decrementAndGet() == 0) {
            perCaller.remove(caller, held);
        }
    }
}
