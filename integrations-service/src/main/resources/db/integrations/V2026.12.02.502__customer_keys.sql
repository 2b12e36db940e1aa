-- Customers' data keys as feedback-service publishes them (wrapped under the master key), to open the sealed values of
-- feedback events when a webhook is sent. An erased customer keeps a row without a key: their values read as
-- [erased], and a key that arrives late (a replay of the topic) does not bring them back.
CREATE TABLE customer_keys (
    customer_ref UUID PRIMARY KEY,
    product_id   UUID NOT NULL,
    wrapped_key  TEXT,
    erased_at    TIMESTAMPTZ,
    CHECK ((wrapped_key IS NULL) <> (erased_at IS NULL))
);
