-- The product manager's latest health report of each initiative (InitiativeHealthReported).
ALTER TABLE initiative_facts
    ADD COLUMN health_status      TEXT,
    ADD COLUMN health_text        TEXT,
    ADD COLUMN health_reported_at TIMESTAMPTZ;
