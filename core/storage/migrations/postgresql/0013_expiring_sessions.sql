-- Sessions that expire (issue 11). A session is now a pair of tokens:
--   token_digest    the access token, good until expires_at (15 minutes by
--                   default, HUNTAZE_ACCESS_TOKEN_MINUTES); NULL: never
--                   expires (the desktop's own database)
--   refresh_digest  the refresh token, good until refresh_expires_at (30 days
--                   by default, sliding), exchanged at POST /api/auth/refresh
--                   for a new pair. Each exchange keeps the old refresh
--                   token's digest in spent_refresh_tokens: presenting it
--                   again means two holders (a stolen copy), and the whole
--                   session (its `family`, which outlives each rotation) ends.
-- The expiry is checked by the server against its own clock (so tests can
-- move time); enter_session hands it back with the member.
--
-- Upgrading signs nobody out: each existing token becomes its session's
-- refresh token, whose access token has already expired, so the desktop's
-- next call (or its next start) exchanges it for a pair.
ALTER TABLE sessions
    ADD COLUMN family bytea,
    ADD COLUMN expires_at timestamptz,
    ADD COLUMN refresh_digest bytea,
    ADD COLUMN refresh_expires_at timestamptz;
UPDATE sessions
   SET family = token_digest, refresh_digest = token_digest, expires_at = now(),
       refresh_expires_at = now() + interval '30 days';
ALTER TABLE sessions ALTER COLUMN family SET NOT NULL;
CREATE UNIQUE INDEX sessions_family ON sessions (family);
CREATE UNIQUE INDEX sessions_refresh_digest ON sessions (refresh_digest);

CREATE TABLE spent_refresh_tokens (
    digest     bytea       PRIMARY KEY,
    agency_id  bigint      NOT NULL,
    user_id    bigint      NOT NULL,
    family     bytea       NOT NULL REFERENCES sessions (family) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL -- what the token's own expiry was: purged after it
);
CREATE INDEX spent_refresh_tokens_family ON spent_refresh_tokens (family);
ALTER TABLE spent_refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE spent_refresh_tokens FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON spent_refresh_tokens TO huntaze_runtime;

-- Before anyone is known, a refresh token is looked up by its digest (as
-- access tokens are, 0012); and the purge of expired sessions, which spans
-- every agency, sees rows that expired before the instant it names: a dead
-- session reveals nothing that could be used.
CREATE FUNCTION huntaze_purge_before() RETURNS timestamptz LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('huntaze.purge_before', true), '')::timestamptz $$;
GRANT EXECUTE ON FUNCTION huntaze_purge_before() TO huntaze_runtime;

ALTER POLICY agency_rows ON sessions
    USING (agency_id = (SELECT huntaze_agency()) OR token_digest = (SELECT huntaze_lookup_digest())
           OR refresh_digest = (SELECT huntaze_lookup_digest())
           OR COALESCE(refresh_expires_at, expires_at) < (SELECT huntaze_purge_before()))
    WITH CHECK (agency_id = (SELECT huntaze_agency()));
CREATE POLICY agency_rows ON spent_refresh_tokens
    USING (agency_id = (SELECT huntaze_agency()) OR digest = (SELECT huntaze_lookup_digest())
           OR expires_at < (SELECT huntaze_purge_before()))
    WITH CHECK (agency_id = (SELECT huntaze_agency()));

-- Which session a refresh token belongs to: live (its current refresh
-- token) or spent (an earlier one of that session).
CREATE FUNCTION huntaze_find_refresh_token(wanted bytea)
    RETURNS TABLE (agency_id bigint, user_id bigint, family bytea, spent boolean, expires_at timestamptz)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
    AS $$
BEGIN
    PERFORM set_config('huntaze.lookup_digest', encode(wanted, 'hex'), true);
    RETURN QUERY
        SELECT s.agency_id, s.user_id, s.family, false, s.refresh_expires_at FROM sessions s WHERE s.refresh_digest = wanted
        UNION ALL
        SELECT t.agency_id, t.user_id, t.family, true, t.expires_at FROM spent_refresh_tokens t WHERE t.digest = wanted;
    PERFORM set_config('huntaze.lookup_digest', '', true);
END
$$;
REVOKE ALL ON FUNCTION huntaze_find_refresh_token(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_find_refresh_token(bytea) TO huntaze_runtime;

-- Every session (and spent refresh token) dead before `at`, in every agency.
CREATE FUNCTION huntaze_purge_expired_sessions(at timestamptz) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
    AS $$
DECLARE
    purged bigint;
BEGIN
    PERFORM set_config('huntaze.purge_before', at::text, true);
    DELETE FROM spent_refresh_tokens WHERE expires_at < at;
    DELETE FROM sessions WHERE COALESCE(refresh_expires_at, expires_at) < at;
    GET DIAGNOSTICS purged = ROW_COUNT;
    PERFORM set_config('huntaze.purge_before', '', true);
    RETURN purged;
END
$$;
REVOKE ALL ON FUNCTION huntaze_purge_expired_sessions(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_purge_expired_sessions(timestamptz) TO huntaze_runtime;

-- The member of an access token, now with its expiry.
DROP FUNCTION huntaze_enter_session(bytea, boolean);

CREATE FUNCTION huntaze_enter_session(digest bytea, for_me boolean)
    RETURNS TABLE (user_id bigint, agency_id bigint, agency_name text, role text, own_creator_id bigint,
                   custom_name text, custom_permissions jsonb, custom_scope text, assigned bigint[],
                   email text, created_at timestamptz, active_creators bigint[], creators jsonb,
                   expires_at timestamptz)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
    AS $$
DECLARE
    found_session record;
    found_member record;
    scope text;
    creators text;
BEGIN
    -- The session first, by its digest alone; then, inside its agency, the
    -- member. The digest stays named for the rest of the transaction: it
    -- shows only this session, which its agency shows anyway. (Each statement
    -- here costs: /api/me makes this call and little else.)
    PERFORM set_config('huntaze.lookup_digest', encode(digest, 'hex'), true);
    SELECT s.agency_id, s.user_id, s.expires_at INTO found_session FROM sessions s WHERE s.token_digest = digest;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    PERFORM set_config('huntaze.user_id', found_session.user_id::text, true),
            set_config('huntaze.agency_id', found_session.agency_id::text, true);
    SELECT m.user_id, m.agency_id, a.name AS agency_name, m.role, m.own_creator_id, r.name AS custom_name,
           r.permissions AS custom_permissions, r.scope AS custom_scope,
           ARRAY(SELECT mc.creator_id FROM member_creators mc
                 WHERE mc.agency_id = m.agency_id AND mc.user_id = m.user_id ORDER BY mc.creator_id) AS assigned,
           u.email, u.created_at
      INTO found_member
      FROM members m
      JOIN agencies a ON a.id = m.agency_id
      JOIN users u ON u.id = m.user_id
      LEFT JOIN custom_roles r ON r.agency_id = m.agency_id AND r.id = m.custom_role_id
     WHERE m.agency_id = found_session.agency_id AND m.user_id = found_session.user_id;
    IF NOT FOUND THEN
        -- A session outliving its membership (cannot happen: it cascades) acts as nobody.
        PERFORM set_config('huntaze.user_id', '', true), set_config('huntaze.agency_id', '', true);
        RETURN;
    END IF;
    scope := CASE found_member.role WHEN 'owner' THEN 'all' WHEN 'admin' THEN 'all' WHEN 'chatter' THEN 'assigned'
                                    WHEN 'creator' THEN 'own' ELSE found_member.custom_scope END;
    creators := CASE scope WHEN 'all' THEN 'all'
                           WHEN 'own' THEN COALESCE(found_member.own_creator_id::text, '')
                           ELSE array_to_string(found_member.assigned, ',') END;
    PERFORM set_config('huntaze.creators', COALESCE(creators, ''), true);
    -- At most one write a minute per session (see AccountRepository::userForSession).
    IF for_me THEN
        UPDATE sessions SET last_used_at = now()
         WHERE token_digest = digest AND last_used_at < now() - interval '1 minute';
    END IF;
    RETURN QUERY SELECT found_member.user_id, found_member.agency_id, found_member.agency_name, found_member.role,
                        found_member.own_creator_id, found_member.custom_name, found_member.custom_permissions,
                        found_member.custom_scope, found_member.assigned, found_member.email, found_member.created_at,
                        ARRAY(SELECT c.id FROM creators c
                              WHERE c.agency_id = found_member.agency_id AND c.archived_at IS NULL
                                AND huntaze_sees_creator(c.id)
                              ORDER BY c.id),
                        CASE WHEN for_me THEN
                            (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                        'id', c.id, 'displayName', c.display_name, 'niche', c.niche, 'audience', c.audience,
                                        'tone', c.tone, 'platforms', c.platforms, 'timeZone', c.time_zone) ORDER BY c.id), '[]')
                               FROM creators c
                              WHERE c.agency_id = found_member.agency_id AND c.archived_at IS NULL
                                AND huntaze_sees_creator(c.id))
                        END,
                        found_session.expires_at;
END
$$;

REVOKE ALL ON FUNCTION huntaze_enter_session(bytea, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_enter_session(bytea, boolean) TO huntaze_runtime;
