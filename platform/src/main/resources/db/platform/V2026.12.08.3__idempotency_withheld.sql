-- A creating answer that carried a secret (a share link's token, a webhook's signing secret) is kept without it: the
-- name of the field a replay does not show again.
ALTER TABLE idempotency_keys ADD COLUMN withheld TEXT;
