-- The product owner's pins, for the backlog metric (who pinned which item, when and why).
ALTER TABLE item_facts ADD COLUMN pinned_at TIMESTAMPTZ, ADD COLUMN pinned_by TEXT, ADD COLUMN pin_reason TEXT;
CREATE INDEX item_facts_pinned ON item_facts (product_id) WHERE pinned_at IS NOT NULL;
