package dev.northstar.platform.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads what {@link AggregateStateProjection}s keep: one aggregate by id, or all of a type for a product. */
@ApplicationScoped
public class AggregateStates {
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public AggregateStates(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public <S> Optional<Versioned<S>> find(String streamType, UUID id, Class<S> stateType) {
        List<Versioned<S>> found = query("SELECT state::text, version, created_at, updated_at FROM aggregate_states "
                + "WHERE stream_id = ? AND stream_type = ?", stateType, id, streamType);
        return found.stream().findFirst();
    }

    /** Every aggregate of a type that belongs to a product, oldest first. */
    public <S> List<Versioned<S>> ofProduct(String streamType, UUID productId, Class<S> stateType) {
        return query("SELECT state::text, version, created_at, updated_at FROM aggregate_states "
                + "WHERE product_id = ? AND stream_type = ? ORDER BY created_at, stream_id", stateType, productId, streamType);
    }

    /** Every aggregate of a type, oldest first, after {@code afterId} in (created_at, id) order when given. */
    public <S> List<Versioned<S>> all(String streamType, Class<S> stateType, UUID afterId, int limit) {
        if (afterId == null) {
            return query("SELECT state::text, version, created_at, updated_at FROM aggregate_states WHERE stream_type = ? "
                    + "ORDER BY created_at, stream_id LIMIT ?", stateType, streamType, limit);
        }
        return query("SELECT s.state::text, s.version, s.created_at, s.updated_at FROM aggregate_states s, aggregate_states a "
                + "WHERE a.stream_id = ? AND s.stream_type = ? AND (s.created_at, s.stream_id) > (a.created_at, a.stream_id) "
                + "ORDER BY s.created_at, s.stream_id LIMIT ?", stateType, afterId, streamType, limit);
    }

    private <S> List<Versioned<S>> query(String sql, Class<S> stateType, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<Versioned<S>> states = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.add(new Versioned<>(json.readValue(rs.getString(1), stateType), rs.getInt(2),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
                }
            }
            return states;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("aggregate state query failed", e);
        }
    }
}
