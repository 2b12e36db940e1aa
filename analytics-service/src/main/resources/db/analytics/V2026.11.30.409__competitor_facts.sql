-- The product's competitors (from the roadmap) and the feedback naming them, for competitors.30d.
CREATE TABLE competitor_facts (
    competitor_id uuid PRIMARY KEY,
    product_id    uuid NOT NULL,
    name          text NOT NULL
);
CREATE INDEX competitor_facts_product ON competitor_facts (product_id);

CREATE TABLE competitor_mentions (
    feedback_id   uuid        NOT NULL,
    competitor_id uuid        NOT NULL,
    product_id    uuid        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    detected      boolean     NOT NULL,
    lost_deal     boolean     NOT NULL,
    PRIMARY KEY (feedback_id, competitor_id)
);
CREATE INDEX competitor_mentions_competitor ON competitor_mentions (competitor_id, occurred_at);

ALTER TABLE feedback_facts ADD COLUMN lost_deal boolean NOT NULL DEFAULT false;
