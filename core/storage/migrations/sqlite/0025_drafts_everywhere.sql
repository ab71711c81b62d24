-- Drafts become editable on every device (issue 13): a UUID identity a device
-- can make offline, post and message kinds with their fields, a status, when
-- it last changed, the server's version of its last write (0: never on a
-- server) and a tombstone for deletes, so a sync can pass them on. Ideas and
-- captions become post drafts.
CREATE TABLE drafts_new (
    id         TEXT    NOT NULL PRIMARY KEY, -- a UUID
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('post', 'message')),
    status     TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'done')),
    title      TEXT    NOT NULL DEFAULT '',
    body       TEXT    NOT NULL DEFAULT '',
    notes      TEXT    NOT NULL DEFAULT '',
    hashtags   TEXT    NOT NULL DEFAULT '[]', -- JSON array, without '#'
    platform   TEXT    NOT NULL DEFAULT '',
    planned_at TEXT,
    media      TEXT    NOT NULL DEFAULT '[]', -- JSON array of paths or URLs
    audience   TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    version    INTEGER NOT NULL DEFAULT 0,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
INSERT INTO drafts_new (id, agency_id, creator_id, author_id, kind, title, body, created_at, updated_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       agency_id, creator_id, author_id, CASE kind WHEN 'message' THEN 'message' ELSE 'post' END, title, body, created_at, created_at
FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_new RENAME TO drafts;
CREATE INDEX drafts_creator ON drafts (agency_id, creator_id, updated_at DESC);
