package dev.northstar.platform.eventstore;

import java.util.UUID;

/** An event as the store keeps it: the payload still serialized, with its place in the stream and in the store. */
public record StoredEvent(
        long globalPosition,
        UUID streamId,
        String streamType,
        int streamVersion,
        UUID eventId,
        String eventType,
        String payload,
        UUID productId,
        EventMetadata metadata) {
}
