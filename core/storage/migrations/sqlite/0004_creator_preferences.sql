-- Per-creator preferences that travel with the account (unlike QSettings,
-- which belong to the computer): for example the restricted words list.
CREATE TABLE creator_preferences (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL, -- JSON
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (user_id, key)
);
