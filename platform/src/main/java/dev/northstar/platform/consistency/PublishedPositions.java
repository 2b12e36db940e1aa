package dev.northstar.platform.consistency;

import dev.northstar.platform.consistency.Position.Mark;
import dev.northstar.platform.outbox.OutboxListener;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where the relay put the events a request wrote: the request registers each event as the outbox queues it (inside
 * its transaction, so before the relay can see it), the relay completes it with its partition and offset once the
 * broker acknowledged it. Only this replica's relay reports here; events queued outside a request are not tracked.
 */
@ApplicationScoped
public class PublishedPositions implements OutboxListener {
    /** How long an event no response asked about is tracked (queued in a transaction that rolled back, say). */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(1);

    private record Tracked(UUID eventId, long since) {
    }

    private final Map<UUID, CompletableFuture<Mark>> expected = new ConcurrentHashMap<>();
    private final Queue<Tracked> oldestFirst = new ConcurrentLinkedQueue<>();
    private final WrittenEvents written;

    public PublishedPositions(WrittenEvents written) {
        this.written = written;
    }

    @Override
    public void queued(Collection<UUID> eventIds) {
        if (!Arc.container().requestContext().isActive()) {
            return;
        }
        long now = System.nanoTime();
        for (UUID id : eventIds) {
            CompletableFuture<Mark> published = new CompletableFuture<>();
            expected.put(id, published);
            oldestFirst.add(new Tracked(id, now));
            written.add(id, published);
        }
        forgetOld(now);
    }

    private void forgetOld(long now) {
        for (Tracked head = oldestFirst.peek(); head != null && now - head.since() > FORGET_AFTER.toNanos();
             head = oldestFirst.peek()) {
            if (oldestFirst.remove(head)) {
                expected.remove(head.eventId());
            }
        }
    }

    @Override
    public void published(UUID eventId, String topic, int partition, long offset) {
        CompletableFuture<Mark> published = expected.remove(eventId);
        if (published != null) {
            published.complete(new Mark(topic, partition, offset));
        }
    }

    /**
     * The position of the events, once the relay has published them all; empty if it has not within {@code bound}.
     * Forgets the events either way.
     */
    CompletionStage<Optional<Position>> positionOf(Map<UUID, CompletableFuture<Mark>> events, Duration bound) {
        CompletableFuture<?>[] all = events.values().toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS)
                .handle((done, failed) -> {
                    forget(events);
                    return failed != null ? Optional.<Position>empty()
                            : Optional.of(Position.of(events.values().stream().map(CompletableFuture::join).toList()));
                });
    }

    /** Stops tracking events whose position nobody will read (the request failed, or its transaction rolled back). */
    void forget(Map<UUID, CompletableFuture<Mark>> events) {
        events.forEach(expected::remove);
    }
}
