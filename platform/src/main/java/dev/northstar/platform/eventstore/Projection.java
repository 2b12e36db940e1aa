package dev.northstar.platform.eventstore;

import java.util.List;
import java.util.Optional;

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

    /**
     * Applies one append's streams, each with the state its appender folded after its events ({@code null} when it
     * did not fold one). A projection whose rows hold that state may write it instead of reading its row and folding
     * the events again; the default folds them.
     */
    default void applyAppended(List<AppendedStream> streams) {
        applyStreams(streams.stream().map(AppendedStream::events).toList());
    }

    /**
     * A big append's rows encoded ahead, on another thread while the append's statement runs: the write that is left
     * for the append's transaction, or none (the default) when the rows need the database, and {@link #applyAppended}
     * runs after the statement instead. The events have no global position yet (0).
     */
    default Optional<RebuildBatch> prepareAppended(List<AppendedStream> streams) {
        return Optional.empty();
    }

    /**
     * A rebuild's batch in two steps: what needs no database (reading the events, folding, encoding the rows), which
     * the rebuild runs on another thread while it writes the batch before, and the write, which it runs in its
     * transaction. The streams are whole (each from its first event). The default does it all in the write.
     */
    default RebuildBatch prepareStreams(List<List<StoredEvent>> streams) {
        return () -> applyStreams(streams);
    }

    /** A rebuild batch ready to be written. */
    @FunctionalInterface
    interface RebuildBatch {
        void write();
    }

    /** Deletes every row of the read model; called in the rebuild transaction before the replay. */
    void reset();

    /** Called in the rebuild transaction after the replay's last batch is written. */
    default void completeRebuild() {
    }

    /** One stream's newly stored events, oldest first, and its state after them if the appender knows it. */
    record AppendedStream(List<StoredEvent> events, Object stateAfter) {
    }
}
