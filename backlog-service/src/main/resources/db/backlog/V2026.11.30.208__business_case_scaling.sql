-- The ROI of each initiative's business case (null: none in money), and which products let it scale priority
-- (kept with the backlog settings' BusinessCaseScalingChanged, in its transaction).
ALTER TABLE roadmap_initiatives ADD COLUMN business_case_roi numeric;

CREATE TABLE business_case_scaling (
    product_id uuid PRIMARY KEY,
    enabled    boolean NOT NULL
);
