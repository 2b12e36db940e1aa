-- Retention finds old deliveries and events by age (both arrive in time order) and whether a delivery still carries
-- an event.
CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries USING brin (created_at);
CREATE INDEX webhook_events_by_age ON webhook_events USING brin (time);
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_position);
