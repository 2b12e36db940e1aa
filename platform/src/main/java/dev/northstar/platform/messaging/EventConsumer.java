package dev.northstar.platform.messaging;

import dev.northstar.contracts.events.PublishedEvent;

/**
 * A consumer of other services' events. Implement it on a bean with an {@code @Incoming} method that hands each
 * message to {@link Inbox#deliver}: the inbox decodes the record into its contract record, applies it through
 * {@link #handle} once (the event id is recorded in the same transaction as the effect), retries transient failures
 * in place and dead-letters permanent ones. The channel's settings (topics, group, dead-letter topic) live in
 * {@code application.properties} under {@code mp.messaging.incoming.<name>}.
 */
public interface EventConsumer<E extends PublishedEvent> {

    /** The channel name: the inbox, metrics, readiness and the dead-letter admin API know the consumer by it. */
    String name();

    /** The events this consumer reads; other types on its topics (or types it does not know yet) are skipped. */
    Class<E> accepts();

    /**
     * Whether the event has any effect here. One that has none is skipped before a transaction is opened (a
     * consumer of a whole topic often needs a few of its types only).
     */
    default boolean affects(E event) {
        return true;
    }

    /** Applies the event's effect. Runs inside a transaction; throwing rolls the effect back. */
    void handle(ReceivedEvent<? extends E> event);
}
