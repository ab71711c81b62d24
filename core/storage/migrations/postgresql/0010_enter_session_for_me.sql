-- /api/me (every app start, every switch of creator) also lists the
-- member's creators with their profiles: returned by the same call, as JSON,
-- when asked (`for_me`, which also stamps the session as used). One round
-- trip fewer for the request the desktop makes most (issue 10, bench/server.sh).
DROP FUNCTION huntaze_enter_session(bytea, boolean);

CREATE FUNCTION huntaze_enter_session(digest bytea, for_me boolean)
    RETURNS TABLE (user_id bigint, agency_id bigint, agency_name text, role text, own_creator_id bigint,
                   custom_name text, custom_permissions jsonb, custom_scope text, assigned bigint[],
                   email text, created_at timestamptz, active_creators bigint[], creators jsonb)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
    AS $$
DECLARE
    found_member record;
    scope text;
    creators text;
BEGIN
    SELECT m.user_id, m.agency_id, a.name AS agency_name, m.role, m.own_creator_id, r.name AS custom_name,
           r.permissions AS custom_permissions, r.scope AS custom_scope,
           ARRAY(SELECT mc.creator_id FROM member_creators mc
                 WHERE mc.agency_id = m.agency_id AND mc.user_id = m.user_id ORDER BY mc.creator_id) AS assigned,
           u.email, u.created_at
      INTO found_member
      FROM sessions s
      JOIN members m ON m.agency_id = s.agency_id AND m.user_id = s.user_id
      JOIN agencies a ON a.id = m.agency_id
      JOIN users u ON u.id = m.user_id
      LEFT JOIN custom_roles r ON r.agency_id = m.agency_id AND r.id = m.custom_role_id
     WHERE s.token_digest = digest;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    scope := CASE found_member.role WHEN 'owner' THEN 'all' WHEN 'admin' THEN 'all' WHEN 'chatter' THEN 'assigned'
                                    WHEN 'creator' THEN 'own' ELSE found_member.custom_scope END;
    creators := CASE scope WHEN 'all' THEN 'all'
                           WHEN 'own' THEN COALESCE(found_member.own_creator_id::text, '')
                           ELSE array_to_string(found_member.assigned, ',') END;
    PERFORM set_config('huntaze.user_id', found_member.user_id::text, true),
            set_config('huntaze.agency_id', found_member.agency_id::text, true),
            set_config('huntaze.creators', COALESCE(creators, ''), true);
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
