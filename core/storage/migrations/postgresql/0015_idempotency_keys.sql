-- Safe retries (issue 11): a write sent with an Idempotency-Key header is
-- done once per caller and key. Its row is inserted in the write's own
-- transaction, so it exists exactly when the write does; the answer is
-- stored before it is sent, and a retry gets it back. The same key with
-- another request is refused (422). Kept 24 hours.
CREATE TABLE idempotency_keys (
    agency_id    bigint      NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    caller       text        NOT NULL, -- 'member:<user id>' or 'key:<API key id>'
    key          text        NOT NULL,
    request      bytea       NOT NULL, -- SHA-256 of the method, path, query and body
    status       integer, -- NULL until the answer is stored
    content_type text,
    body         bytea,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (agency_id, caller, key)
);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON idempotency_keys
    USING (agency_id = (SELECT huntaze_agency()) OR created_at < (SELECT huntaze_purge_before()))
    WITH CHECK (agency_id = (SELECT huntaze_agency()));
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO huntaze_runtime;

-- Every agency's keys older than `before`, with the hourly purge of sessions.
CREATE FUNCTION huntaze_purge_idempotency_keys(before timestamptz) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
    AS $$
DECLARE
    purged bigint;
BEGIN
    PERFORM set_config('huntaze.purge_before', before::text, true);
    DELETE FROM idempotency_keys WHERE created_at < before;
    GET DIAGNOSTICS purged = ROW_COUNT;
    PERFORM set_config('huntaze.purge_before', '', true);
    RETURN purged;
END
$$;
REVOKE ALL ON FUNCTION huntaze_purge_idempotency_keys(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_purge_idempotency_keys(timestamptz) TO huntaze_runtime;
