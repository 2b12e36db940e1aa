-- Each initiative's and item's demand as last published in a DemandChanged: a demand computation publishes only the
-- targets whose demand differs from it (and zeros for those with none left).
CREATE TABLE demand_published (
    product_id       UUID          NOT NULL,
    target_id        UUID          NOT NULL,
    target_type      TEXT          NOT NULL,
    feedback         BIGINT        NOT NULL,
    unique_customers BIGINT        NOT NULL,
    votes            BIGINT        NOT NULL,
    accounts         BIGINT        NOT NULL,
    account_value    NUMERIC(24, 2) NOT NULL,
    PRIMARY KEY (product_id, target_id)
);
