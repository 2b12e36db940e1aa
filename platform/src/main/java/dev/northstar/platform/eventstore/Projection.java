package dev.northstar.platform.eventstore;

import java.util.List;

/**
 * A read model fed by the event store. {@link #apply} runs in the appending transaction, so a client
 * reads its own writes; {@link #reset} and a replay of every event of {@link #streamType()} rebuild it.
 * A projection must derive everything from the events: a rebuild then yields the same rows.
 */
public interface Projection {

    /** A stable name, used by the admin rebuild endpoint. */
    String name();

    String streamType();

    /** Applies the events of one append to one stream, oldest first. */
    void apply(List<StoredEvent> events);

    /** Applies the events of many streams (each list one stream's, oldest first): a rebuild's batch. */
    default void applyStreams(List<List<StoredEvent>> streams) {
        streams.forEach(this::apply);
    }

    /** Deletes every row of the read model; called in the rebuild transaction before the replay. */
    void reset();
}
