-- Release names, from roadmap events: what a shipped release is called in the updates to customers.
CREATE TABLE known_releases (
    release_id UUID PRIMARY KEY,
    product_id UUID NOT NULL,
    name       TEXT NOT NULL
);

-- A customer's feedback (their requests), oldest first.
CREATE INDEX feedback_entries_by_customer ON feedback_entries (product_id, customer_id, created_at, feedback_id);
