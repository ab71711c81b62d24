-- Password reset codes (issue 11): Huntaze sends no email, so an owner or
-- admin issues a one-time code for a member who forgot their password, shown
-- to copy like an invitation; the member types it with their email and a new
-- password. Only the code's digest is kept; it works once, for 24 hours.
CREATE TABLE password_resets (
    agency_id   bigint      NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    code_digest bytea       PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by  bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON password_resets
    USING (agency_id = (SELECT huntaze_agency()) OR code_digest = (SELECT huntaze_lookup_digest()))
    WITH CHECK (agency_id = (SELECT huntaze_agency()));
GRANT SELECT, INSERT, UPDATE ON password_resets TO huntaze_runtime;

-- Whose reset a code is, before anyone is known (as 0012 does for sessions).
CREATE FUNCTION huntaze_find_password_reset(wanted bytea)
    RETURNS TABLE (agency_id bigint, user_id bigint, expires_at timestamptz, used_at timestamptz)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
    AS $$
BEGIN
    PERFORM set_config('huntaze.lookup_digest', encode(wanted, 'hex'), true);
    RETURN QUERY SELECT r.agency_id, r.user_id, r.expires_at, r.used_at FROM password_resets r WHERE r.code_digest = wanted;
    PERFORM set_config('huntaze.lookup_digest', '', true);
END
$$;
REVOKE ALL ON FUNCTION huntaze_find_password_reset(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_find_password_reset(bytea) TO huntaze_runtime;
