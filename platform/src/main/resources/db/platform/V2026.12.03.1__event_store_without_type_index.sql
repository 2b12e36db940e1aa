-- No query reads the store by type in position order: a replay reads a type's streams in (stream_id, stream_version)
-- order, the unique index's. The index cost an entry for every appended event.
DROP INDEX IF EXISTS event_store_by_type;
