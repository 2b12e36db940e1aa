package dev.northstar.platform.consistency;

import dev.northstar.platform.consistency.Position.Mark;
import jakarta.enterprise.context.RequestScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** The events the current request queued for Kafka, each with the place the relay will report for it. */
@RequestScoped
public class WrittenEvents {
    private final Map<UUID, CompletableFuture<Mark>> events = new LinkedHashMap<>();

    void add(UUID eventId, CompletableFuture<Mark> published) {
        events.put(eventId, published);
    }

    Map<UUID, CompletableFuture<Mark>> events() {
        return events;
    }
}
