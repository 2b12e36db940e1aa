-- The backlog read model: one row per item, fed by BacklogItemsProjection in the appending transaction.
CREATE TABLE backlog_items (
    item_id        UUID PRIMARY KEY,
    product_id     UUID          NOT NULL,
    type           TEXT          NOT NULL,
    status         TEXT          NOT NULL,
    initiative_id  UUID,
    labels         TEXT[]        NOT NULL,
    score          NUMERIC(12, 2),
    sort_score     NUMERIC(12, 2) NOT NULL,
    version        INTEGER       NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    item           JSONB         NOT NULL
);
-- The backlog order: highest score first, then oldest first, then by id so that the order is total.
CREATE INDEX backlog_items_order ON backlog_items (product_id, sort_score DESC, created_at, item_id);
CREATE INDEX backlog_items_initiative ON backlog_items (initiative_id) WHERE initiative_id IS NOT NULL;
