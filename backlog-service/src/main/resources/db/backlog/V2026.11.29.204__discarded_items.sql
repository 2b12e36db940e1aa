-- Discarded items ("won't do") leave the ranking as accepted ones do: the open-order index holds the ranked items
-- alone, with the predicate the queries spell (BacklogQueries.ranked).
DROP INDEX backlog_items_open_order;
CREATE INDEX backlog_items_open_order ON backlog_items (product_id, sort_score DESC, created_at, item_id)
    WHERE status NOT IN ('ACCEPTED', 'DISCARDED');
