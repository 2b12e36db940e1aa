-- Marks are appended, never upserted: a consumer's mark no longer waits for the publisher's transaction, which holds
-- the marks it drains while it computes their metrics (an upsert on the same (product, metric) row did wait, so every
-- consumer of a busy product queued behind each computation). The publisher coalesces the marks per metric itself.
ALTER TABLE dirty_metrics DROP CONSTRAINT dirty_metrics_pkey;
ALTER TABLE dirty_metrics ADD COLUMN mark_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
