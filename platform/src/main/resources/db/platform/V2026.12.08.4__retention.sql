-- Retention: the inbox and the idempotency keys are purged by age (rows arrive in time order, so a BRIN index finds
-- the old ones at almost no cost to inserts). An inbox row of a re-driven dead letter is kept: the dead letter stays
-- on its topic, and the row is what makes a second re-drive a no-op.
ALTER TABLE inbox ADD COLUMN keep BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX inbox_by_age ON inbox USING brin (handled_at);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys USING brin (created_at);
