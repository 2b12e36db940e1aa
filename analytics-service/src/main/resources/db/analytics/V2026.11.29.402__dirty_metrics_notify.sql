-- The publisher sleeps on LISTEN northstar_metrics: NOTIFY is delivered at commit, so it computes a changed metric
-- as soon as the facts that changed it are committed (changes committed meanwhile coalesce into one computation).
CREATE FUNCTION dirty_metrics_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('northstar_metrics', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER dirty_metrics_notify AFTER INSERT OR UPDATE ON dirty_metrics FOR EACH STATEMENT EXECUTE FUNCTION dirty_metrics_notify();
