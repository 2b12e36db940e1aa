-- A customer's feedback by their normalized id (CustomerIds.normalized: NFKC, case folded, trimmed), so C-102 and
-- c-102 are one customer. Rows written before it are filled in at start (CustomerKeyBackfill), from customer_id.
ALTER TABLE feedback_entries ADD COLUMN customer_key TEXT;
DROP INDEX feedback_entries_by_customer;
CREATE INDEX feedback_entries_by_customer ON feedback_entries (product_id, customer_key, created_at, feedback_id);
