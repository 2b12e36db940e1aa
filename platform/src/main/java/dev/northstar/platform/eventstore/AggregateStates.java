package dev.northstar.platform.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads what {@link AggregateStateProjection}s keep: one aggregate by id, or all of a type for a product. */
@ApplicationScoped
public class AggregateStates implements PanacheRepositoryBase<AggregateState, UUID> {
    private static final Sort OLDEST_FIRST = Sort.by("createdAt").and("streamId");

    private final ObjectMapper json;

    public AggregateStates(ObjectMapper json) {
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public <S> Optional<Versioned<S>> find(String streamType, UUID id, Class<S> stateType) {
        return findByIdOptional(id).filter(row -> row.streamType.equals(streamType)).map(row -> decode(row, stateType));
    }

    /** Every aggregate of a type that belongs to a product, oldest first. */
    public <S> List<Versioned<S>> ofProduct(String streamType, UUID productId, Class<S> stateType) {
        return list("productId = ?1 and streamType = ?2", OLDEST_FIRST, productId, streamType).stream()
                .map(row -> decode(row, stateType)).toList();
    }

    /** Every aggregate of a type, oldest first, after {@code afterId} in (created_at, id) order when given. */
    public <S> List<Versioned<S>> all(String streamType, Class<S> stateType, UUID afterId, int limit) {
        AggregateState after = afterId == null ? null : findById(afterId);
        if (afterId != null && after == null) {
            return List.of();
        }
        List<AggregateState> rows = after == null
                ? find("streamType = ?1", OLDEST_FIRST, streamType).page(Page.ofSize(limit)).list()
                : find("streamType = ?1 and (createdAt > ?2 or (createdAt = ?2 and streamId > ?3))", OLDEST_FIRST,
                        streamType, after.createdAt, after.streamId).page(Page.ofSize(limit)).list();
        return rows.stream().map(row -> decode(row, stateType)).toList();
    }

    <S> S state(AggregateState row, Class<S> stateType) {
        try {
            return json.readValue(row.state, stateType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable state of " + row.streamType + " " + row.streamId, e);
        }
    }

    String encode(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state not writable as JSON", e);
        }
    }

    private <S> Versioned<S> decode(AggregateState row, Class<S> stateType) {
        return row.versioned(state(row, stateType));
    }
}
