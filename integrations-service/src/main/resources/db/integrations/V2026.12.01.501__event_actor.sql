-- Who caused each event (the ce_actor header): the digest says who moved, shipped and reported what.
ALTER TABLE webhook_events ADD COLUMN actor TEXT;
CREATE INDEX webhook_events_by_product_type_time ON webhook_events (product_id, type, time);
