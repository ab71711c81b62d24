-- The creator profile used by the AI tools. The display name moves here from
-- users; existing accounts get a profile carrying their name.
CREATE TABLE profiles (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL DEFAULT '',
    niche        TEXT NOT NULL DEFAULT '',
    audience     TEXT NOT NULL DEFAULT '',
    tone         TEXT NOT NULL DEFAULT '',
    platforms    TEXT NOT NULL DEFAULT '[]', -- JSON array of platform ids
    time_zone    TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
);

INSERT INTO profiles (user_id, display_name, updated_at)
    SELECT id, display_name, created_at FROM users;

ALTER TABLE users DROP COLUMN display_name;
