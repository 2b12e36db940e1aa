package dev.northstar.platform.eventstore;

import java.util.List;

/**
 * Keeps the latest state of every aggregate of one repository in {@code aggregate_states}: the
 * read model for aggregates that are looked up by id and listed per product, with no other query.
 * Declare one per repository with a CDI producer method.
 */
public class AggregateStateProjection<S, E> implements Projection {
    private final AggregateStates states;
    private final EventSourcedRepository<S, E> repository;
    private final Class<S> stateType;

    public AggregateStateProjection(AggregateStates states, EventSourcedRepository<S, E> repository, Class<S> stateType) {
        this.states = states;
        this.repository = repository;
        this.stateType = stateType;
    }

    @Override
    public String name() {
        return repository.streamType() + "-states";
    }

    @Override
    public String streamType() {
        return repository.streamType();
    }

    @Override
    public void apply(List<StoredEvent> events) {
        write(events, null);
    }

    @Override
    public void applyAppended(List<AppendedStream> streams) {
        streams.forEach(stream -> write(stream.events(), stateType.isInstance(stream.stateAfter())
                ? stateType.cast(stream.stateAfter()) : null));
    }

    /** Writes the state after these events: {@code folded} when the appender knows it, else the stored row's folded on. */
    private void write(List<StoredEvent> events, S folded) {
        StoredEvent first = events.getFirst();
        StoredEvent last = events.getLast();
        AggregateState row = first.streamVersion() == 1 ? null : states.findById(first.streamId());
        if (first.streamVersion() > 1 && row == null) {
            throw new IllegalStateException("no state row for " + first.streamType() + " " + first.streamId());
        }
        S state = folded;
        if (state == null) {
            state = row == null ? null : states.state(row, stateType);
            for (StoredEvent event : events) {
                state = repository.evolve(state, repository.read(event));
            }
        }
        boolean created = row == null;
        if (created) {
            row = new AggregateState();
            row.streamId = first.streamId();
            row.streamType = first.streamType();
            row.productId = first.productId();
            row.createdAt = first.metadata().occurredAt();
        }
        row.foldedUpTo(last, states.encode(state));
        if (created) {
            // after the fields are set: Hibernate inserts the state as it was when persisted
            states.persist(row);
        }
    }

    /**
     * Folds a whole stream again into its existing row, reading every event anew: after a customer's erasure, say,
     * their data reads as erased there too.
     */
    public void refold(List<StoredEvent> events) {
        AggregateState row = states.findById(events.getFirst().streamId());
        S state = null;
        for (StoredEvent event : events) {
            state = repository.evolve(state, repository.read(event));
        }
        row.foldedUpTo(events.getLast(), states.encode(state));
    }

    @Override
    public void reset() {
        states.delete("streamType", streamType());
    }
}
