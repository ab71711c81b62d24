-- Row-level security (issue 10): PostgreSQL itself keeps each agency's rows,
-- and each member's creators, apart; the server's queries filter too, but a
-- forgotten WHERE can no longer leak a row.
--
-- Two database roles (docs/server.md): the owner, who runs these migrations
-- and owns every table, and the runtime role the server connects as, which is
-- not a superuser, has no BYPASSRLS and owns nothing. It gets its rights
-- through the group role huntaze_runtime, made here unless the operator made
-- it already (making it needs CREATEROLE).
--
-- Each transaction of the server says who it acts for, with
-- set_config(..., true) so a pooled connection forgets it at COMMIT:
--   huntaze.user_id    the login
--   huntaze.agency_id  the agency
--   huntaze.creators   'all', or the comma-separated ids of the creators the
--                      member works with (assigned creators, or their own)
-- A transaction that set nothing sees no agency rows at all.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'huntaze_runtime') THEN
        CREATE ROLE huntaze_runtime NOLOGIN;
    END IF;
END
$$;

-- current_setting(..., true) is NULL before a transaction sets it and '' after
-- one did on the same connection: both mean "nobody".
CREATE FUNCTION huntaze_agency() RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('huntaze.agency_id', true), '')::bigint $$;
CREATE FUNCTION huntaze_user() RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('huntaze.user_id', true), '')::bigint $$;
CREATE FUNCTION huntaze_sees_creator(creator bigint) RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT COALESCE(current_setting('huntaze.creators', true) = 'all'
                          OR creator = ANY (string_to_array(NULLIF(current_setting('huntaze.creators', true), ''), ',')::bigint[]),
                          false) $$;

ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON agencies USING (id = huntaze_agency());

ALTER TABLE creators ENABLE ROW LEVEL SECURITY;
ALTER TABLE creators FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON creators USING (agency_id = huntaze_agency() AND huntaze_sees_creator(id));

ALTER TABLE custom_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON custom_roles USING (agency_id = huntaze_agency());

-- A login also sees its own memberships (in any agency), to start a session
-- in one of them; it changes members of its current agency only.
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
ALTER TABLE members FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON members USING (agency_id = huntaze_agency() OR user_id = huntaze_user())
    WITH CHECK (agency_id = huntaze_agency());

ALTER TABLE member_creators ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_creators FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON member_creators USING (agency_id = huntaze_agency());

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON sessions USING (agency_id = huntaze_agency());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON invitations USING (agency_id = huntaze_agency());

ALTER TABLE fans ENABLE ROW LEVEL SECURITY;
ALTER TABLE fans FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON fans USING (agency_id = huntaze_agency() AND huntaze_sees_creator(creator_id));

ALTER TABLE offers ENABLE ROW LEVEL SECURITY;
ALTER TABLE offers FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON offers USING (agency_id = huntaze_agency() AND huntaze_sees_creator(creator_id));

ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
ALTER TABLE posts FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON posts USING (agency_id = huntaze_agency() AND huntaze_sees_creator(creator_id));

ALTER TABLE drafts ENABLE ROW LEVEL SECURITY;
ALTER TABLE drafts FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON drafts USING (agency_id = huntaze_agency() AND huntaze_sees_creator(creator_id));

ALTER TABLE creator_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE creator_preferences FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON creator_preferences USING (agency_id = huntaze_agency() AND huntaze_sees_creator(creator_id));

ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON imports USING (agency_id = huntaze_agency() AND huntaze_sees_creator(creator_id));

ALTER TABLE import_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON import_rows USING (agency_id = huntaze_agency());

-- The two look-ups that come before anyone is known, each narrowed to what
-- its caller holds: a session token's digest, an invitation code's digest.
-- They run as the owner (SECURITY DEFINER) and return that one row.
CREATE FUNCTION huntaze_session_member(digest bytea)
    RETURNS TABLE (user_id bigint, agency_id bigint, agency_name text, role text, own_creator_id bigint,
                   custom_name text, custom_permissions jsonb, custom_scope text, assigned bigint[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$
        SELECT m.user_id, m.agency_id, a.name, m.role, m.own_creator_id, r.name, r.permissions, r.scope,
               ARRAY(SELECT mc.creator_id FROM member_creators mc
                     WHERE mc.agency_id = m.agency_id AND mc.user_id = m.user_id ORDER BY mc.creator_id)
        FROM sessions s
        JOIN members m ON m.agency_id = s.agency_id AND m.user_id = s.user_id
        JOIN agencies a ON a.id = m.agency_id
        LEFT JOIN custom_roles r ON r.agency_id = m.agency_id AND r.id = m.custom_role_id
        WHERE s.token_digest = digest
    $$;

CREATE FUNCTION huntaze_invitation_agency(digest bytea) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT agency_id FROM invitations WHERE code_digest = digest $$;

REVOKE ALL ON FUNCTION huntaze_session_member(bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION huntaze_invitation_agency(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_session_member(bytea) TO huntaze_runtime;
GRANT EXECUTE ON FUNCTION huntaze_invitation_agency(bytea) TO huntaze_runtime;

GRANT USAGE ON SCHEMA public TO huntaze_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO huntaze_runtime;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM huntaze_runtime;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO huntaze_runtime;
-- Tables of later migrations, made by the same owner, get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO huntaze_runtime;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO huntaze_runtime;
