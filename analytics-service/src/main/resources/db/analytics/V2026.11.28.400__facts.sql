-- Facts from every service's events, kept by the analytics consumer (once per event, through the inbox).
-- Metrics are computed from these rows, so replaying the topics into empty tables gives the same metrics.
CREATE TABLE feedback_facts (
    feedback_id   UUID PRIMARY KEY,
    product_id    UUID        NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    rating        INTEGER,
    sentiment     TEXT        NOT NULL,
    customer_id   TEXT        NOT NULL,
    account       TEXT,
    account_value NUMERIC(18, 2)
);
CREATE INDEX feedback_facts_by_time ON feedback_facts (product_id, occurred_at);

CREATE TABLE demand_links (
    feedback_id UUID NOT NULL,
    target_id   UUID NOT NULL,
    product_id  UUID NOT NULL,
    target_type TEXT NOT NULL,
    PRIMARY KEY (feedback_id, target_id)
);
CREATE INDEX demand_links_by_target ON demand_links (product_id, target_id);

CREATE TABLE vote_facts (
    vote_id       UUID PRIMARY KEY,
    product_id    UUID    NOT NULL,
    target_type   TEXT    NOT NULL,
    target_id     UUID    NOT NULL,
    customer_id   TEXT    NOT NULL,
    account       TEXT,
    account_value NUMERIC(18, 2),
    active        BOOLEAN NOT NULL
);
CREATE INDEX vote_facts_by_target ON vote_facts (product_id, target_id);

CREATE TABLE initiative_facts (
    initiative_id UUID PRIMARY KEY,
    product_id    UUID NOT NULL,
    title         TEXT NOT NULL,
    horizon       TEXT NOT NULL,
    status        TEXT NOT NULL
);

CREATE TABLE item_facts (
    item_id       UUID PRIMARY KEY,
    product_id    UUID        NOT NULL,
    title         TEXT        NOT NULL,
    initiative_id UUID,
    status        TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    accepted_at   TIMESTAMPTZ
);
CREATE INDEX item_facts_by_product ON item_facts (product_id, status);
