-- RICE and WEIGHTED scores run far above WSJF's: up to about 10^13 with the bounds their inputs have.
ALTER TABLE backlog_items ALTER COLUMN score TYPE NUMERIC(30, 2), ALTER COLUMN sort_score TYPE NUMERIC(36, 12);
