package dev.northstar.platform.eventstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A row of {@code aggregate_states}: the latest folded state of one aggregate (see {@link FoldedRow}), by type and
 * product. Written by {@link AggregateStateProjection}, read through {@link AggregateStates}.
 */
@Entity
@Table(name = "aggregate_states")
public class AggregateState extends FoldedRow {
    @Id
    @Column(name = "stream_id")
    public UUID streamId;

    @Column(name = "stream_type", nullable = false, updatable = false)
    public String streamType;

    @Column(name = "product_id", updatable = false)
    public UUID productId;
}
