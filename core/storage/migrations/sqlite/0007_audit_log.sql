-- The audit log (issue 10), as on PostgreSQL (0007 there): who did what and
-- when, per agency. On the desktop its one owner sees all of it; nothing in
-- the app changes or removes an entry.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id   INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    at          TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_email TEXT    NOT NULL DEFAULT '',
    creator_id  INTEGER,
    action      TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT '{}' -- JSON object
);
CREATE INDEX audit_log_at ON audit_log (agency_id, at DESC, id DESC);

