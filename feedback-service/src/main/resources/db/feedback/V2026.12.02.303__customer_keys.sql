-- One data key per customer of a product, wrapped under the operator's master key. The customer's id, account and
-- text are sealed with it in every event; erasing the customer deletes the row, and nothing can open them again.
-- customer_ref: random, the key's name inside sealed values. lookup: a keyed hash of (product, customer id), so the
-- row is found by customer id without keeping the id.
CREATE TABLE customer_keys (
    customer_ref UUID PRIMARY KEY,
    product_id   UUID        NOT NULL,
    lookup       TEXT        NOT NULL UNIQUE,
    wrapped_key  TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
