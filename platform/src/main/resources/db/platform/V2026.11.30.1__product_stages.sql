-- Each service's copy of its products' life-cycle stage, from ProductStageChanged (roadmap-service writes its own in the
-- command's transaction): a RETIRED product takes no more writes anywhere.
CREATE TABLE product_stages (
    product_id uuid PRIMARY KEY,
    stage      text        NOT NULL,
    reason     text,
    changed_at timestamptz NOT NULL
);
