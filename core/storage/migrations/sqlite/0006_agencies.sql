-- Agencies (issue 10), as on PostgreSQL (0004 there): creator profiles belong
-- to an agency, their data to a creator, logins are members with a role. On
-- the desktop there is one local agency per account, run by its owner.
--
-- Upgrading: each existing account becomes the owner of an agency of one,
-- with one creator holding its rows; both take the account's id. SQLite cannot
-- change a table's key, so the data tables are rebuilt and their rows copied.
CREATE TABLE agencies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

CREATE TABLE creators (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id    INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    display_name TEXT    NOT NULL DEFAULT '',
    niche        TEXT    NOT NULL DEFAULT '',
    audience     TEXT    NOT NULL DEFAULT '',
    tone         TEXT    NOT NULL DEFAULT '',
    platforms    TEXT    NOT NULL DEFAULT '[]', -- JSON array of platform ids
    time_zone    TEXT    NOT NULL DEFAULT '',
    updated_at   TEXT    NOT NULL,
    archived_at  TEXT,
    UNIQUE (agency_id, id)
);

CREATE TABLE custom_roles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id   INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    permissions TEXT    NOT NULL DEFAULT '[]', -- JSON array of permission ids
    scope       TEXT    NOT NULL CHECK (scope IN ('all', 'assigned', 'own')),
    UNIQUE (agency_id, id),
    UNIQUE (agency_id, name)
);

CREATE TABLE members (
    agency_id      INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role           TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'chatter', 'creator', 'custom')),
    custom_role_id INTEGER,
    own_creator_id INTEGER,
    joined_at      TEXT    NOT NULL,
    last_active_at TEXT,
    PRIMARY KEY (agency_id, user_id),
    FOREIGN KEY (agency_id, custom_role_id) REFERENCES custom_roles (agency_id, id),
    FOREIGN KEY (agency_id, own_creator_id) REFERENCES creators (agency_id, id),
    CHECK ((role = 'custom') = (custom_role_id IS NOT NULL)),
    CHECK ((role = 'creator') = (own_creator_id IS NOT NULL))
);
CREATE INDEX members_user_id ON members (user_id);

CREATE TABLE member_creators (
    agency_id  INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    PRIMARY KEY (agency_id, user_id, creator_id),
    FOREIGN KEY (agency_id, user_id) REFERENCES members (agency_id, user_id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

INSERT INTO agencies (id, name, created_at)
    SELECT u.id, COALESCE(NULLIF(p.display_name, ''), u.email), u.created_at
    FROM users u LEFT JOIN profiles p ON p.user_id = u.id;
INSERT INTO creators (id, agency_id, display_name, niche, audience, tone, platforms, time_zone, updated_at)
    SELECT u.id, u.id, COALESCE(p.display_name, ''), COALESCE(p.niche, ''), COALESCE(p.audience, ''), COALESCE(p.tone, ''),
           COALESCE(p.platforms, '[]'), COALESCE(p.time_zone, ''), COALESCE(p.updated_at, u.created_at)
    FROM users u LEFT JOIN profiles p ON p.user_id = u.id;
INSERT INTO members (agency_id, user_id, role, joined_at)
    SELECT id, id, 'owner', created_at FROM users;
DROP TABLE profiles;

CREATE TABLE sessions_new (
    token_digest BLOB    PRIMARY KEY,
    user_id      INTEGER NOT NULL,
    agency_id    INTEGER NOT NULL,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT    NOT NULL,
    FOREIGN KEY (agency_id, user_id) REFERENCES members (agency_id, user_id) ON DELETE CASCADE
);
INSERT INTO sessions_new SELECT token_digest, user_id, user_id, created_at, last_used_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE fans_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id     INTEGER NOT NULL,
    creator_id    INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    tags          TEXT    NOT NULL DEFAULT '[]', -- JSON array
    total_spend   REAL    NOT NULL DEFAULT 0 CHECK (total_spend >= 0),
    last_purchase TEXT    NOT NULL DEFAULT '',
    last_active   TEXT    NOT NULL DEFAULT '', -- YYYY-MM-DD or empty
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
INSERT INTO fans_new SELECT id, user_id, user_id, name, tags, total_spend, last_purchase, last_active FROM fans;
DROP TABLE fans;
ALTER TABLE fans_new RENAME TO fans;
CREATE INDEX fans_creator ON fans (agency_id, creator_id);

CREATE TABLE offers_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    title      TEXT    NOT NULL DEFAULT '',
    price      REAL    NOT NULL CHECK (price > 0),
    recipients INTEGER NOT NULL CHECK (recipients >= 0),
    purchases  INTEGER NOT NULL CHECK (purchases >= 0 AND purchases <= recipients),
    sent_on    TEXT    NOT NULL DEFAULT '',
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
INSERT INTO offers_new SELECT id, user_id, user_id, title, price, recipients, purchases, sent_on FROM offers;
DROP TABLE offers;
ALTER TABLE offers_new RENAME TO offers;
CREATE INDEX offers_creator ON offers (agency_id, creator_id);

CREATE TABLE posts_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    platform   TEXT    NOT NULL DEFAULT '',
    caption    TEXT    NOT NULL DEFAULT '',
    hashtags   TEXT    NOT NULL DEFAULT '[]', -- JSON array, without '#'
    engagement INTEGER NOT NULL DEFAULT 0 CHECK (engagement >= 0),
    posted_on  TEXT    NOT NULL DEFAULT '',
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
INSERT INTO posts_new SELECT id, user_id, user_id, platform, caption, hashtags, engagement, posted_on FROM posts;
DROP TABLE posts;
ALTER TABLE posts_new RENAME TO posts;
CREATE INDEX posts_creator ON posts (agency_id, creator_id);

CREATE TABLE drafts_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL, -- who wrote it
    kind       TEXT    NOT NULL CHECK (kind IN ('idea', 'caption', 'message')),
    title      TEXT    NOT NULL DEFAULT '',
    body       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
INSERT INTO drafts_new SELECT id, user_id, user_id, user_id, kind, title, body, created_at FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_new RENAME TO drafts;
CREATE INDEX drafts_creator ON drafts (agency_id, creator_id, created_at DESC);

CREATE TABLE creator_preferences_new (
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL, -- JSON
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (agency_id, creator_id, key),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
INSERT INTO creator_preferences_new SELECT user_id, user_id, key, value, updated_at FROM creator_preferences;
DROP TABLE creator_preferences;
ALTER TABLE creator_preferences_new RENAME TO creator_preferences;
