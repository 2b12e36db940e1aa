-- How often the test consumer applied each event: the inbox must keep every count at 1.
CREATE TABLE test_effects (
    event_id TEXT PRIMARY KEY,
    applied  INTEGER NOT NULL
);
