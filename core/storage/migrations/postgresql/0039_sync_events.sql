-- Devices listening for their agency's changes (GET /api/sync/events, issue
-- 13) are poked when its sync version moves. The trigger, not the
-- application, tells every huntaze-server instance, on channel `huntaze_sync`,
-- when the transaction that moved the version commits (never for a
-- rollback): "<agency id>:<version>".
--
-- A push of 500 mutations moves the version 500 times in one transaction.
-- Deferred to the commit, each firing reads the version the transaction
-- ends with, so the 500 notifications are equal and PostgreSQL delivers one.

CREATE FUNCTION huntaze_notify_sync_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    final bigint;
BEGIN
    SELECT version INTO final FROM sync_counters WHERE agency_id = NEW.agency_id;
    PERFORM pg_notify('huntaze_sync', NEW.agency_id || ':' || COALESCE(final, NEW.version));
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER sync_version_moved AFTER INSERT OR UPDATE OF version ON sync_counters
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION huntaze_notify_sync_version();
