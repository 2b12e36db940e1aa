-- One row per consumer whose state was rebuilt from its topics: the rebuild a replica is running (its heartbeat
-- tells the others it is alive) or the last one. The row is what makes a rebuild run once, whichever replica got
-- the request.
CREATE TABLE consumer_rebuilds (
    consumer         TEXT PRIMARY KEY,
    state            TEXT        NOT NULL,
    requested_at     TIMESTAMPTZ NOT NULL,
    runner           TEXT        NOT NULL,
    heartbeat_at     TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ,
    events_applied   BIGINT      NOT NULL DEFAULT 0,
    events_rejected  BIGINT      NOT NULL DEFAULT 0,
    error            TEXT
);
