-- Every review of finished work: an acceptance or a rejection, for the weekly rejection and first-time-acceptance
-- rates in delivery. One row per review event (a redelivery is the same row).
CREATE TABLE review_facts (
    review_id   UUID PRIMARY KEY,
    product_id  UUID        NOT NULL,
    item_id     UUID        NOT NULL,
    outcome     TEXT        NOT NULL,
    reviewed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX review_facts_by_product ON review_facts (product_id, reviewed_at);
CREATE INDEX review_facts_by_item ON review_facts (item_id, reviewed_at);
