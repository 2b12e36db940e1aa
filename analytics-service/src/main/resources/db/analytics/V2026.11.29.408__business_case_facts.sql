-- The business case of each initiative, for value against cost on the roadmap.progress metric (null: none).
ALTER TABLE initiative_facts
    ADD COLUMN cost                numeric,
    ADD COLUMN cost_unit           text,
    ADD COLUMN value_kind          text,
    ADD COLUMN confidence          integer,
    ADD COLUMN risk_adjusted_value numeric,
    ADD COLUMN roi                 numeric,
    ADD COLUMN payback_months      numeric;
