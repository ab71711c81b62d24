-- The two look-ups made before anyone is known (which member a session
-- token's digest belongs to; which agency an invitation code's digest
-- invites into) run as the tables' owner (SECURITY DEFINER). FORCE ROW LEVEL
-- SECURITY holds the owner to the policies too, so under the non-superuser
-- owner docs/server.md recommends they found nothing and no session worked;
-- only a superuser owner (the tests' until now) hid it. They now name the
-- digest they look for in a setting of their transaction, and the sessions
-- and invitations policies also show the one row with that digest. Knowing a
-- digest means holding the token or the code, which is what the look-up
-- needs anyway, so setting it oneself reveals nothing more; writes still need
-- the agency itself (WITH CHECK).
CREATE FUNCTION huntaze_lookup_digest() RETURNS bytea LANGUAGE sql STABLE
    AS $$ SELECT decode(NULLIF(current_setting('huntaze.lookup_digest', true), ''), 'hex') $$;
GRANT EXECUTE ON FUNCTION huntaze_lookup_digest() TO huntaze_runtime;

ALTER POLICY agency_rows ON sessions
    USING (agency_id = (SELECT huntaze_agency()) OR token_digest = (SELECT huntaze_lookup_digest()))
    WITH CHECK (agency_id = (SELECT huntaze_agency()));
ALTER POLICY agency_rows ON invitations
    USING (agency_id = (SELECT huntaze_agency()) OR code_digest = (SELECT huntaze_lookup_digest()))
    WITH CHECK (agency_id = (SELECT huntaze_agency()));

CREATE OR REPLACE FUNCTION huntaze_invitation_agency(digest bytea) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
    AS $$
DECLARE
    found_agency bigint;
BEGIN
    PERFORM set_config('huntaze.lookup_digest', encode(digest, 'hex'), true);
    SELECT agency_id INTO found_agency FROM invitations WHERE code_digest = digest;
    PERFORM set_config('huntaze.lookup_digest', '', true);
    RETURN found_agency;
END
$$;

DROP FUNCTION huntaze_enter_session(bytea, boolean);

CREATE FUNCTION huntaze_enter_session(digest bytea, for_me boolean)
    RETURNS TABLE (user_id bigint, agency_id bigint, agency_name text, role text, own_creator_id bigint,
                   custom_name text, custom_permissions jsonb, custom_scope text, assigned bigint[],
                   email text, created_at timestamptz, active_creators bigint[], creators jsonb)
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
    SELECT s.agency_id, s.user_id INTO found_session FROM sessions s WHERE s.token_digest = digest;
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
                        END;
END
$$;

REVOKE ALL ON FUNCTION huntaze_enter_session(bytea, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_enter_session(bytea, boolean) TO huntaze_runtime;
REVOKE ALL ON FUNCTION huntaze_invitation_agency(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_invitation_agency(bytea) TO huntaze_runtime;
