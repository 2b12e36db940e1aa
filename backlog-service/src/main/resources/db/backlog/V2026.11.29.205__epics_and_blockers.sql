-- An epic's items in backlog order (?parentId= and the epic's progress), and the items a blocker holds up. Both read
-- the item's state; partial, so that the many items in no epic and blocked by nothing cost nothing.
CREATE INDEX backlog_items_parent ON backlog_items ((item -> 'relations' ->> 'parentId'), sort_score DESC, created_at, item_id)
    WHERE item -> 'relations' ->> 'parentId' IS NOT NULL;
CREATE INDEX backlog_items_blockers ON backlog_items USING gin ((item -> 'relations' -> 'blockedBy'))
    WHERE jsonb_array_length(item -> 'relations' -> 'blockedBy') > 0;
