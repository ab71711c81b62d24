-- Sync between devices and a server (issue 13, docs/sync.md): the same
-- tables as the server's, so the repositories run on both and a desktop's
-- replica of a server has them. Each agency's version counter, the devices
-- that push and the last of their mutations applied, the mutations refused
-- for good, and edits kept beside a draft they collided with.
CREATE TABLE sync_counters (
    agency_id INTEGER PRIMARY KEY,
    version   INTEGER NOT NULL
);

CREATE TABLE sync_clients (
    agency_id        INTEGER NOT NULL,
    client_id        TEXT    NOT NULL, -- a UUID
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_mutation_id INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    PRIMARY KEY (agency_id, client_id)
);

CREATE TABLE sync_rejections (
    agency_id   INTEGER NOT NULL,
    client_id   TEXT    NOT NULL,
    mutation_id INTEGER NOT NULL,
    entity      TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (agency_id, client_id, mutation_id),
    FOREIGN KEY (agency_id, client_id) REFERENCES sync_clients (agency_id, client_id) ON DELETE CASCADE
);

CREATE TABLE draft_conflicts (
    id          TEXT    NOT NULL PRIMARY KEY, -- a UUID
    agency_id   INTEGER NOT NULL,
    draft_id    TEXT    NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    creator_id  INTEGER NOT NULL,
    author_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    fields      TEXT    NOT NULL, -- JSON: the device's values of the fields it changed
    conflicting TEXT    NOT NULL, -- JSON: the names of those changed both ways
    version     INTEGER NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    created_at  TEXT    NOT NULL
);
CREATE INDEX draft_conflicts_sync ON draft_conflicts (agency_id, creator_id, version);

CREATE INDEX drafts_sync ON drafts (agency_id, creator_id, version);
