-- Metrics whose facts changed and whose new value is not yet published. Written with the facts; the
-- publisher drains it every 100 ms, so a burst of events costs one computation per metric, not one per event.
CREATE TABLE dirty_metrics (
    product_id  UUID NOT NULL,
    metric      TEXT NOT NULL,
    cause_id    TEXT NOT NULL,
    cause_type  TEXT NOT NULL,
    PRIMARY KEY (product_id, metric)
);
