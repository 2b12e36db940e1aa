-- The scoring model each product's backlog is ranked by, for the backlog metric (no row: WSJF).
CREATE TABLE scoring_facts (
    product_id UUID PRIMARY KEY,
    model      TEXT NOT NULL
);
