-- Customer demand per initiative and backlog item, from analytics' demand metric.
CREATE TABLE demand_signals (
    target_id     UUID PRIMARY KEY,
    product_id    UUID          NOT NULL,
    target_type   TEXT          NOT NULL,
    accounts      INTEGER       NOT NULL,
    account_value NUMERIC(18, 2) NOT NULL
);
CREATE INDEX demand_signals_by_product ON demand_signals (product_id);
