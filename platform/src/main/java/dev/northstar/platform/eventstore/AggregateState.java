package dev.northstar.platform.eventstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code aggregate_states}: the latest folded state of one aggregate as JSON, with its stream version and
 * the times of its first and last event. Written by {@link AggregateStateProjection}, read through {@link AggregateStates}.
 */
@Entity
@Table(name = "aggregate_states")
public class AggregateState {
    @Id
    @Column(name = "stream_id")
    public UUID streamId;

    @Column(name = "stream_type", nullable = false, updatable = false)
    public String streamType;

    @Column(name = "product_id", updatable = false)
    public UUID productId;

    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String state;
}
