-- Accounts, their creator profiles and their sessions: the same tables as the
-- SQLite set (0001-0002 there), in PostgreSQL types. Timestamps are bound as
-- ISO 8601 text by the repositories and stored as timestamptz.
CREATE TABLE users (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL
);

-- Only a SHA-256 digest of each token is kept: a leaked dump must not hand
-- out live sessions.
CREATE TABLE sessions (
    token_digest bytea       PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE profiles (
    user_id      bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    display_name text        NOT NULL DEFAULT '',
    niche        text        NOT NULL DEFAULT '',
    audience     text        NOT NULL DEFAULT '',
    tone         text        NOT NULL DEFAULT '',
    platforms    jsonb       NOT NULL DEFAULT '[]', -- array of platform ids
    time_zone    text        NOT NULL DEFAULT '',
    updated_at   timestamptz NOT NULL
);
