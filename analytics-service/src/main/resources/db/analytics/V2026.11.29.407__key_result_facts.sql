-- The product's objectives and their key results as roadmap-service defines them now (removed key results kept with
-- removed_at, so that key results as of an earlier instant still show), and the measurements tools reported.
CREATE TABLE objective_facts (
    objective_id uuid PRIMARY KEY,
    product_id   uuid NOT NULL,
    title        text NOT NULL,
    period       text NOT NULL
);

CREATE TABLE key_result_facts (
    key_result_id uuid PRIMARY KEY,
    objective_id  uuid        NOT NULL,
    product_id    uuid        NOT NULL,
    metric        text        NOT NULL,
    source        text        NOT NULL,
    unit          text,
    baseline      numeric     NOT NULL,
    target        numeric     NOT NULL,
    due_date      date        NOT NULL,
    north_star    boolean     NOT NULL,
    defined_at    timestamptz NOT NULL,
    removed_at    timestamptz
);
CREATE INDEX key_result_facts_product ON key_result_facts (product_id);

CREATE TABLE measurement_facts (
    measurement_id uuid PRIMARY KEY,
    key_result_id  uuid        NOT NULL,
    product_id     uuid        NOT NULL,
    value          numeric     NOT NULL,
    measured_at    timestamptz NOT NULL
);
CREATE INDEX measurement_facts_key_result ON measurement_facts (key_result_id, measured_at);
