-- A generic read model: the latest folded state of every aggregate of the stream types a service
-- registers with an AggregateStateProjection, as JSON, for lookups and per-product lists.
CREATE TABLE aggregate_states (
    stream_id    UUID PRIMARY KEY,
    stream_type  TEXT        NOT NULL,
    product_id   UUID,
    version      INTEGER     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    state        JSONB       NOT NULL
);
CREATE INDEX aggregate_states_by_product ON aggregate_states (product_id, stream_type, created_at);
