package dev.northstar.platform.eventstore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Who caused an event, when, and as part of which chain of messages.
 *
 * @param correlationId shared by every event that one user request (or one upstream event) caused
 * @param causationId   the id of the message that directly caused this one, if it was a message
 */
public record EventMetadata(UUID correlationId, UUID causationId, String actor, Instant occurredAt) {

    public EventMetadata {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(actor, "actor");
        // PostgreSQL keeps microseconds; truncating here makes what a client wrote equal what it reads back.
        occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
    }

    public static EventMetadata now(UUID correlationId, UUID causationId, String actor) {
        return new EventMetadata(correlationId, causationId, actor, Instant.now());
    }
}
