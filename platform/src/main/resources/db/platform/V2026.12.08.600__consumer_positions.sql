-- How far each consumer has applied each partition of its topics: the offset of the last record it applied (or
-- skipped, or dead-lettered), written in the same transaction as the effect. A read with Northstar-After waits until
-- every consumer of the position's topics is at or past it. Only ever raised: a rebuild swaps in state that holds
-- at least what the live consumer had applied, so what the live consumer recorded stays true.
CREATE TABLE consumer_positions (
    consumer        TEXT        NOT NULL,
    topic           TEXT        NOT NULL,
    kafka_partition INTEGER     NOT NULL,
    applied_offset  BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, topic, kafka_partition)
);
