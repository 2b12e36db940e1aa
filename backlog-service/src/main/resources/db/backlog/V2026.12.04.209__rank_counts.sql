-- How many ranked items (neither accepted nor discarded) each product has at each sort key. An item's rank is the sum
-- over the keys ahead of its own (a few hundred rows: scores repeat; 281 keys for 100,000 items in the benchmark)
-- plus the items ahead of it at its own key, instead of a count of every ranked item ahead of it on the index (7-10 ms
-- at 60,000 ahead, for every read of one item and in every move of one). Statement triggers keep it in step with
-- backlog_items in the writer's transaction; a key whose count falls to 0 keeps its row, which adds nothing to a sum.
-- Each key has up to 16 rows (stripes), one per writer's database session modulo 16, only their sum meaning anything:
-- with one row per key, every create of an item with the same score waited for the previous one to commit (the row
-- lock of its count; 8 clients creating items of one score lost a quarter of their rate).
CREATE TABLE backlog_rank_counts (
    product_id   UUID            NOT NULL,
    sort_score   NUMERIC(36, 12) NOT NULL,
    stripe       SMALLINT        NOT NULL,
    ranked_items INTEGER         NOT NULL,
    PRIMARY KEY (product_id, sort_score, stripe)
);

INSERT INTO backlog_rank_counts (product_id, sort_score, stripe, ranked_items)
SELECT product_id, sort_score, 0, count(*) FROM backlog_items WHERE status NOT IN ('ACCEPTED', 'DISCARDED')
GROUP BY product_id, sort_score;

-- Each statement's changes, summed per key and written in key order to the session's stripe (writers that share a
-- stripe lock its keys in the same order). An upsert fires the insert trigger for its new rows and the update trigger
-- for the others; inserted rows count up, deleted ones down.
CREATE FUNCTION backlog_rank_counts_added_or_removed() RETURNS trigger AS $$
BEGIN
    INSERT INTO backlog_rank_counts AS c (product_id, sort_score, stripe, ranked_items)
    SELECT product_id, sort_score, pg_backend_pid() % 16, (CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END) * count(*)::int
    FROM changed_rows WHERE status NOT IN ('ACCEPTED', 'DISCARDED')
    GROUP BY product_id, sort_score ORDER BY product_id, sort_score
    ON CONFLICT (product_id, sort_score, stripe) DO UPDATE SET ranked_items = c.ranked_items + excluded.ranked_items;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION backlog_rank_counts_updated() RETURNS trigger AS $$
BEGIN
    INSERT INTO backlog_rank_counts AS c (product_id, sort_score, stripe, ranked_items)
    SELECT product_id, sort_score, pg_backend_pid() % 16, sum(change)::int FROM (
        SELECT product_id, sort_score, -1 AS change FROM old_rows WHERE status NOT IN ('ACCEPTED', 'DISCARDED')
        UNION ALL
        SELECT product_id, sort_score, 1 FROM new_rows WHERE status NOT IN ('ACCEPTED', 'DISCARDED')) changes
    GROUP BY product_id, sort_score HAVING sum(change) <> 0 ORDER BY product_id, sort_score
    ON CONFLICT (product_id, sort_score, stripe) DO UPDATE SET ranked_items = c.ranked_items + excluded.ranked_items;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER backlog_rank_counts_inserted AFTER INSERT ON backlog_items REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backlog_rank_counts_added_or_removed();
CREATE TRIGGER backlog_rank_counts_updated AFTER UPDATE ON backlog_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backlog_rank_counts_updated();
CREATE TRIGGER backlog_rank_counts_deleted AFTER DELETE ON backlog_items REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backlog_rank_counts_added_or_removed();
