-- The creator's past posts and how they did, so hashtags can be ranked by the
-- engagement they actually brought this creator.
CREATE TABLE posts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform   TEXT    NOT NULL DEFAULT '',
    caption    TEXT    NOT NULL DEFAULT '',
    hashtags   TEXT    NOT NULL DEFAULT '[]', -- JSON array, without '#'
    engagement INTEGER NOT NULL DEFAULT 0 CHECK (engagement >= 0), -- likes + comments + shares
    posted_on  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX posts_user_id ON posts (user_id);
