-- The feedback read model, for search, filters and pages (newest first).
CREATE TABLE feedback_entries (
    feedback_id     UUID PRIMARY KEY,
    product_id      UUID          NOT NULL,
    source          TEXT          NOT NULL,
    customer_id     TEXT          NOT NULL,
    account         TEXT,
    segment         TEXT,
    rating          INTEGER,
    sentiment       TEXT          NOT NULL,
    status          TEXT          NOT NULL,
    tags            TEXT[]        NOT NULL,
    links           UUID[]        NOT NULL,
    text            TEXT          NOT NULL,
    version         INTEGER       NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    entry           JSONB         NOT NULL
);
CREATE INDEX feedback_entries_page ON feedback_entries (product_id, created_at DESC, feedback_id DESC);

-- What feedback can point at, from roadmap and backlog events.
CREATE TABLE known_products (
    product_id UUID PRIMARY KEY
);
CREATE TABLE known_targets (
    target_id   UUID PRIMARY KEY,
    target_type TEXT NOT NULL,
    product_id  UUID NOT NULL,
    title       TEXT NOT NULL
);
