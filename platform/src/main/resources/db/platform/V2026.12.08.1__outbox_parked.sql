-- Outbox rows the broker refused for good (a record larger than it accepts): moved aside so the rows behind them keep
-- flowing, listed and re-driven by an operator (GET/POST /api/v1/admin/outbox/parked).
CREATE TABLE outbox_parked (
    id           BIGINT      PRIMARY KEY,
    event_id     UUID        NOT NULL,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    headers      JSONB       NOT NULL,
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    reason       TEXT        NOT NULL,
    parked_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
