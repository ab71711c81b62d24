-- Each huntaze-server keeps the sessions and API keys it verified in memory
-- for a short time (server/sessioncache.h), so an authenticated read pays no
-- database round trip for its token. Whatever changes what a cached token
-- may do tells every instance at once, on channel `huntaze_sessions`, when
-- its transaction commits (never before, never for a rollback):
--   s:<hex digest>  one session's access token no longer works (signed out,
--                   ended by an owner, its password changed, rotated by a refresh)
--   a:<agency id>   something of that agency changed (a member's role or
--                   creators, a member removed, a creator or its profile, a
--                   custom role, an API key revoked, the agency itself)
-- Triggers, not the application, send them: every path that changes these
-- rows (a cascade, a purge, an operator in psql) is covered.

CREATE FUNCTION huntaze_notify_session_gone() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- The hourly purge deletes only sessions dead already: a cached one is
    -- refused by its own expiry, and a purge of thousands would flood the channel.
    IF COALESCE(current_setting('huntaze.purge_before', true), '') = '' THEN
        PERFORM pg_notify('huntaze_sessions', 's:' || encode(OLD.token_digest, 'hex'));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER sessions_gone AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION huntaze_notify_session_gone();
-- A refresh gives the session a new access token: the old one ends (so
-- does a session moved to another agency or member, or cut short).
CREATE TRIGGER sessions_changed AFTER UPDATE OF token_digest, agency_id, user_id, expires_at ON sessions
    FOR EACH ROW WHEN (OLD.token_digest IS DISTINCT FROM NEW.token_digest OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
                       OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.expires_at IS DISTINCT FROM NEW.expires_at)
    EXECUTE FUNCTION huntaze_notify_session_gone();

CREATE FUNCTION huntaze_notify_agency_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    agency bigint;
BEGIN
    -- TG_ARGV[0] names the column holding the agency (agencies: id).
    IF TG_OP = 'INSERT' THEN
        agency := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
    ELSE
        agency := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;
    END IF;
    -- Identical notifications of one transaction reach listeners once.
    PERFORM pg_notify('huntaze_sessions', 'a:' || agency);
    RETURN NULL;
END
$$;

CREATE TRIGGER members_changed AFTER UPDATE OR DELETE ON members
    FOR EACH ROW EXECUTE FUNCTION huntaze_notify_agency_changed('agency_id');
CREATE TRIGGER member_creators_changed AFTER INSERT OR UPDATE OR DELETE ON member_creators
    FOR EACH ROW EXECUTE FUNCTION huntaze_notify_agency_changed('agency_id');
CREATE TRIGGER creators_changed AFTER INSERT OR UPDATE OR DELETE ON creators
    FOR EACH ROW EXECUTE FUNCTION huntaze_notify_agency_changed('agency_id');
CREATE TRIGGER custom_roles_changed AFTER UPDATE OR DELETE ON custom_roles
    FOR EACH ROW EXECUTE FUNCTION huntaze_notify_agency_changed('agency_id');
CREATE TRIGGER agencies_changed AFTER UPDATE OR DELETE ON agencies
    FOR EACH ROW EXECUTE FUNCTION huntaze_notify_agency_changed('id');
-- Using a key stamps last_used_at: that changes nothing it may do.
CREATE TRIGGER api_keys_changed AFTER UPDATE OF revoked_at, expires_at, scopes ON api_keys
    FOR EACH ROW EXECUTE FUNCTION huntaze_notify_agency_changed('agency_id');
CREATE TRIGGER api_keys_gone AFTER DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION huntaze_notify_agency_changed('agency_id');
