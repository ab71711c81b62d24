-- Fans, offers, posts and preferences go to devices' replicas (issue 13): a
-- pull sends the rows written after the device's cookie, so each carries the
-- agency's sync version of its last write. A trigger stamps it, so no write
-- path (an import, a batched import's commit, a preference, an operator in
-- psql) can forget. One version per transaction and agency: the first row
-- takes the next version (the counter's row stays locked until the commit,
-- so versions follow commit order, as for drafts); the rest of the
-- transaction's rows share it (a transaction-local setting hands it on).

CREATE FUNCTION huntaze_stamp_sync_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    taken   text := current_setting('huntaze.data_version', true);
    stamped bigint;
BEGIN
    IF COALESCE(taken, '') <> '' AND split_part(taken, ':', 1)::bigint = NEW.agency_id THEN
        NEW.version := split_part(taken, ':', 2)::bigint;
        RETURN NEW;
    END IF;
    INSERT INTO sync_counters AS counter (agency_id, version) VALUES (NEW.agency_id, 1)
        ON CONFLICT (agency_id) DO UPDATE SET version = counter.version + 1
        RETURNING counter.version INTO stamped;
    PERFORM set_config('huntaze.data_version', NEW.agency_id || ':' || stamped, true);
    NEW.version := stamped;
    RETURN NEW;
END
$$;

ALTER TABLE fans ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE offers ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE creator_preferences ADD COLUMN version bigint NOT NULL DEFAULT 0;

CREATE TRIGGER fans_version BEFORE INSERT OR UPDATE ON fans
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER offers_version BEFORE INSERT OR UPDATE ON offers
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER posts_version BEFORE INSERT OR UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER creator_preferences_version BEFORE INSERT OR UPDATE ON creator_preferences
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();

-- A pull reads what changed after a version, creator by creator.
CREATE INDEX fans_sync ON fans (agency_id, creator_id, version);
CREATE INDEX offers_sync ON offers (agency_id, creator_id, version);
CREATE INDEX posts_sync ON posts (agency_id, creator_id, version);
