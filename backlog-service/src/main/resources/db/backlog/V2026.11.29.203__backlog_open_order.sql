-- Ranks are counted on the open items alone, in backlog order: an index of exactly those rows lets a page count the
-- open items between its cursor and its rows (and an item the open items ahead of it) from the index alone.
CREATE INDEX backlog_items_open_order ON backlog_items (product_id, sort_score DESC, created_at, item_id)
    WHERE status <> 'ACCEPTED';
-- An initiative's items in backlog order (the ?initiativeId= filter and reprioritization read them in that order).
DROP INDEX backlog_items_initiative;
CREATE INDEX backlog_items_initiative_order ON backlog_items (initiative_id, sort_score DESC, created_at, item_id)
    WHERE initiative_id IS NOT NULL;
-- Index-only counts need the visibility map to be current: vacuum this often-updated table sooner than the default.
ALTER TABLE backlog_items SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
