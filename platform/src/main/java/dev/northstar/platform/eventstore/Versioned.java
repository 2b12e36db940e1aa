package dev.northstar.platform.eventstore;

import java.time.Instant;

/** An aggregate's state with its stream version (the ETag) and the times of its first and last event. */
public record Versioned<S>(S state, int version, Instant createdAt, Instant updatedAt) {
}
