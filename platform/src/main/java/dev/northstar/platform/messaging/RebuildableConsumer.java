package dev.northstar.platform.messaging;

import dev.northstar.contracts.events.PublishedEvent;

import java.util.List;

/**
 * A consumer whose whole state is a set of tables filled from its topics, so that it can be rebuilt by replaying
 * them (see {@link ConsumerRebuilds}). Its handler must write only these tables (and the inbox), with unqualified
 * table names: a rebuild runs it against copies of them in a schema of its own.
 */
public interface RebuildableConsumer<E extends PublishedEvent> extends EventConsumer<E> {

    /** The tables a rebuild fills anew and then puts in place of the live ones. */
    List<String> stateTables();

    /** Tables the handler also writes that a rebuild fills in a copy and throws away (work queues, say). */
    default List<String> scratchTables() {
        return List.of();
    }

    /** Runs in the transaction that puts the rebuilt tables in place. */
    default void rebuilt() {
    }
}
