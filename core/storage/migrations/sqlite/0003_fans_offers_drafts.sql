-- What the AI tools work from: the creator's fans, their paid offers and how
-- they sold, and the drafts the creator keeps. Rows belong to one account.
CREATE TABLE fans (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    tags          TEXT    NOT NULL DEFAULT '[]', -- JSON array
    total_spend   REAL    NOT NULL DEFAULT 0 CHECK (total_spend >= 0),
    last_purchase TEXT    NOT NULL DEFAULT '',
    last_active   TEXT    NOT NULL DEFAULT '' -- YYYY-MM-DD or empty
);
CREATE INDEX fans_user_id ON fans (user_id);

CREATE TABLE offers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL DEFAULT '',
    price      REAL    NOT NULL CHECK (price > 0),
    recipients INTEGER NOT NULL CHECK (recipients >= 0),
    purchases  INTEGER NOT NULL CHECK (purchases >= 0 AND purchases <= recipients),
    sent_on    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX offers_user_id ON offers (user_id);

CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('idea', 'caption', 'message')),
    title      TEXT    NOT NULL DEFAULT '',
    body       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX drafts_user_id ON drafts (user_id);
