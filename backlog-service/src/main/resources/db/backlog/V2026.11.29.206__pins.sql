-- A pinned item is ordered by a key chosen between its new neighbours' keys: twelve decimals leave room for about
-- thirty pins in a row between two scores a hundredth apart.
ALTER TABLE backlog_items ALTER COLUMN sort_score TYPE NUMERIC(24, 12);

-- GET .../backlog/pins reads a product's pinned items without a pass over its backlog.
CREATE INDEX backlog_items_pinned ON backlog_items (product_id) WHERE jsonb_typeof(item -> 'pin') = 'object';
