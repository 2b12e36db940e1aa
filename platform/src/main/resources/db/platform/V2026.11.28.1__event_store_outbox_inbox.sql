-- The event store: append-only. (stream_id, stream_version) is the optimistic-concurrency guard.
CREATE TABLE event_store (
    global_position BIGSERIAL PRIMARY KEY,
    stream_id       UUID        NOT NULL,
    stream_type     TEXT        NOT NULL,
    stream_version  INTEGER     NOT NULL CHECK (stream_version > 0),
    event_id        UUID        NOT NULL UNIQUE,
    event_type      TEXT        NOT NULL,
    payload         JSONB       NOT NULL,
    product_id      UUID,
    correlation_id  UUID        NOT NULL,
    causation_id    UUID,
    actor           TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT event_store_stream_version_unique UNIQUE (stream_id, stream_version)
);
CREATE INDEX event_store_by_type ON event_store (stream_type, global_position);
CREATE INDEX event_store_by_product ON event_store (product_id, stream_type, global_position);

-- Transactional outbox: rows commit with the events they carry; the relay publishes and deletes them.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     UUID        NOT NULL,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    headers      JSONB       NOT NULL,
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- NOTIFY is delivered at commit, so the relay wakes exactly when there is something committed to send.
CREATE FUNCTION outbox_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('northstar_outbox', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Inbox: an event id handled by a consumer, recorded in the same transaction as the effect.
CREATE TABLE inbox (
    consumer    TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    handled_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Idempotency-Key: the first response to a creating request, replayed for retries.
CREATE TABLE idempotency_keys (
    scope            TEXT        NOT NULL,
    idempotency_key  TEXT        NOT NULL,
    request_hash     TEXT        NOT NULL,
    status           INTEGER     NOT NULL,
    location         TEXT,
    etag             TEXT,
    body             TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idempotency_key)
);
