package dev.northstar.platform.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;

/**
 * Keeps the latest state of every aggregate of one repository in {@code aggregate_states}: the
 * read model for aggregates that are looked up by id and listed per product, with no other query.
 * Declare one per repository with a CDI producer method.
 */
public class AggregateStateProjection<S, E> implements Projection {
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final EventSourcedRepository<S, E> repository;
    private final Class<S> stateType;

    public AggregateStateProjection(DataSource dataSource, ObjectMapper json, EventSourcedRepository<S, E> repository,
                                    Class<S> stateType) {
        this.dataSource = dataSource;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
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
        StoredEvent first = events.getFirst();
        StoredEvent last = events.getLast();
        try (Connection connection = dataSource.getConnection()) {
            S state = null;
            if (first.streamVersion() > 1) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT state::text FROM aggregate_states WHERE stream_id = ?")) {
                    ps.setObject(1, first.streamId());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("no state row for " + first.streamType() + " " + first.streamId());
                        }
                        state = json.readValue(rs.getString(1), stateType);
                    }
                }
            }
            for (StoredEvent event : events) {
                state = repository.evolve(state, repository.types().deserialize(event));
            }
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO aggregate_states (stream_id, stream_type, product_id, version, created_at, updated_at, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at,
                        state = excluded.state""")) {
                Timestamp at = Timestamp.from(last.metadata().occurredAt());
                ps.setObject(1, last.streamId());
                ps.setString(2, last.streamType());
                ps.setObject(3, last.productId());
                ps.setInt(4, last.streamVersion());
                ps.setTimestamp(5, at);
                ps.setTimestamp(6, at);
                ps.setString(7, json.writeValueAsString(state));
                ps.executeUpdate();
            }
        } catch (Exception e) {
            throw new IllegalStateException("projecting " + first.streamType() + " " + first.streamId() + " failed", e);
        }
    }

    @Override
    public void reset() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("DELETE FROM aggregate_states WHERE stream_type = ?")) {
            ps.setString(1, streamType());
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
