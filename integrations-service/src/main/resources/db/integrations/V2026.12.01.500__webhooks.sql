-- Products this service has heard of (from roadmap events): webhooks are kept for these only.
CREATE TABLE known_products (
    product_id UUID PRIMARY KEY
);

-- A team's endpoint and what it wants to hear. The secret signs every delivery (Standard Webhooks, "whsec_" + base64).
CREATE TABLE webhook_subscriptions (
    subscription_id UUID PRIMARY KEY,
    product_id      UUID        NOT NULL,
    url             TEXT        NOT NULL,
    event_types     TEXT[]      NOT NULL,
    description     TEXT,
    secret          TEXT        NOT NULL,
    enabled         BOOLEAN     NOT NULL,
    disabled_reason TEXT,
    disabled_at     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         INT         NOT NULL
);
CREATE INDEX webhook_subscriptions_by_product ON webhook_subscriptions (product_id) INCLUDE (enabled);

-- Every event of every topic as its CloudEvent, the source of deliveries and of replays from any instant.
CREATE TABLE webhook_events (
    position       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       UUID        NOT NULL UNIQUE,
    product_id     UUID        NOT NULL,
    type           TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    subject        TEXT        NOT NULL,
    time           TIMESTAMPTZ NOT NULL,
    correlation_id UUID,
    data           TEXT        NOT NULL
);
CREATE INDEX webhook_events_by_product_time ON webhook_events (product_id, time, position);

-- One message to one subscription: from an event, a replay or a redelivery. Sent in sequence order per subscription
-- and subject; PENDING until sent, SENDING while an instance holds its lease, then SUCCEEDED or FAILED (retries spent).
CREATE TABLE webhook_deliveries (
    delivery_id      UUID PRIMARY KEY,
    sequence         BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    subscription_id  UUID        NOT NULL REFERENCES webhook_subscriptions ON DELETE CASCADE,
    event_position   BIGINT      NOT NULL REFERENCES webhook_events,
    subject          TEXT        NOT NULL,
    trigger          TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    attempts         INT         NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    next_attempt_at  TIMESTAMPTZ,
    lease_until      TIMESTAMPTZ,
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INT,
    last_duration_ms INT,
    last_error       TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX webhook_deliveries_unsent_by_subject ON webhook_deliveries (subscription_id, subject, sequence)
    WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, sequence DESC);

-- Each attempt of a delivery, for the log.
CREATE TABLE webhook_attempts (
    delivery_id UUID        NOT NULL REFERENCES webhook_deliveries ON DELETE CASCADE,
    number      INT         NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    status_code INT,
    duration_ms INT         NOT NULL,
    error       TEXT,
    PRIMARY KEY (delivery_id, number)
);
