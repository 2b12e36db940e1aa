-- The product's releases with the initiatives they ship and when they shipped: for release notes, the changelog and
-- the before/after comparison of releases.impact.
CREATE TABLE release_facts (
    release_id  uuid PRIMARY KEY,
    product_id  uuid NOT NULL,
    name        text NOT NULL,
    target_date date,
    shipped_at  timestamptz
);
CREATE INDEX release_facts_product ON release_facts (product_id, shipped_at);

CREATE TABLE release_initiatives (
    release_id    uuid NOT NULL,
    initiative_id uuid NOT NULL,
    PRIMARY KEY (release_id, initiative_id)
);
