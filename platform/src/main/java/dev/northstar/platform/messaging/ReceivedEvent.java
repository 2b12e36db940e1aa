package dev.northstar.platform.messaging;

import dev.northstar.contracts.events.PublishedEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * An event read from Kafka: its CloudEvents attributes and its payload as the contract record.
 * {@code subject} is the aggregate the event is about (the record key).
 */
public record ReceivedEvent<E extends PublishedEvent>(
        UUID id,
        String type,
        String source,
        String subject,
        UUID productId,
        UUID correlationId,
        String actor,
        Instant time,
        E payload,
        String topic,
        int partition,
        long offset) {

    public UUID subjectId() {
        return UUID.fromString(subject);
    }

    /** The correlation id to carry on into events this one causes. */
    public UUID correlationOrOwnId() {
        return correlationId == null ? id : correlationId;
    }
}
