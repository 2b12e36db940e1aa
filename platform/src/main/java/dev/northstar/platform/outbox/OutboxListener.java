package dev.northstar.platform.outbox;

import java.util.Collection;
import java.util.UUID;

/** Told which events a request queued and where on Kafka the relay put each: how a write learns its position. */
public interface OutboxListener {

    /** Events queued in the caller's transaction (before it commits). */
    void queued(Collection<UUID> eventIds);

    /** An event the broker acknowledged, at this partition and offset. Called on the relay's thread: must not block. */
    void published(UUID eventId, String topic, int partition, long offset);

    OutboxListener NONE = new OutboxListener() {
        @Override
        public void queued(Collection<UUID> eventIds) {
        }

        @Override
        public void published(UUID eventId, String topic, int partition, long offset) {
        }
    };
}
