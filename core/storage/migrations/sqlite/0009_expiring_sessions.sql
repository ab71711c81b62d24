-- The columns of expiring sessions (see the PostgreSQL migration
-- 0013_expiring_sessions.sql), so both backends share one repository. The
-- desktop's own sessions never expire and have no refresh token: the OS
-- keychain holds the token, on the user's own computer.
ALTER TABLE sessions ADD COLUMN family BLOB;
ALTER TABLE sessions ADD COLUMN expires_at TEXT;
ALTER TABLE sessions ADD COLUMN refresh_digest BLOB;
ALTER TABLE sessions ADD COLUMN refresh_expires_at TEXT;
UPDATE sessions SET family = token_digest;
CREATE UNIQUE INDEX sessions_family ON sessions (family);
CREATE UNIQUE INDEX sessions_refresh_digest ON sessions (refresh_digest);

CREATE TABLE spent_refresh_tokens (
    digest     BLOB    PRIMARY KEY,
    agency_id  INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    family     BLOB    NOT NULL REFERENCES sessions (family) ON DELETE CASCADE,
    expires_at TEXT    NOT NULL
);
CREATE INDEX spent_refresh_tokens_family ON spent_refresh_tokens (family);
