-- The audit log (issue 10): who did what and when, per agency, append-only.
-- An entry about a creator's data carries that creator, so row-level security
-- shows it only to members who work with them; a creator's own login sees
-- every entry about their profile: what was written and sent in their name,
-- and by whom.
CREATE TABLE audit_log (
    agency_id   bigint      NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    at          timestamptz NOT NULL,
    actor_id    bigint      REFERENCES users (id) ON DELETE SET NULL,
    actor_email text        NOT NULL DEFAULT '', -- kept: a removed member's entries still say who
    creator_id  bigint, -- the creator the entry is about; NULL for the agency itself
    action      text        NOT NULL,
    detail      jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (agency_id, id)
);
CREATE INDEX audit_log_at ON audit_log (agency_id, at DESC, id DESC);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON audit_log
    USING (agency_id = huntaze_agency() AND (creator_id IS NULL OR huntaze_sees_creator(creator_id)));

-- Append-only for the server: entries are added, never changed or removed.
GRANT SELECT, INSERT ON audit_log TO huntaze_runtime;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM huntaze_runtime;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO huntaze_runtime;
