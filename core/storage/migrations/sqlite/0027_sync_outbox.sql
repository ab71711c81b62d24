-- A desktop's replica of a server (issue 13, docs/sync.md): the local changes
-- not yet acknowledged by the server, written with the change itself in one
-- transaction; the device's identity, cookie and last acknowledged mutation;
-- and what the server refused, with the local copy kept, for "sync problems".
-- Unused by a desktop's own (embedded) database.
CREATE TABLE sync_outbox (
    mutation_id  INTEGER NOT NULL PRIMARY KEY, -- counts up from 1 per device, never reused
    entity       TEXT    NOT NULL,
    entity_id    TEXT    NOT NULL,
    base_version INTEGER NOT NULL,
    op           TEXT    NOT NULL CHECK (op IN ('put', 'delete')),
    payload      TEXT    NOT NULL DEFAULT '{}', -- JSON: the fields set
    base         TEXT    NOT NULL DEFAULT '{}', -- JSON: their values before
    created_at   TEXT    NOT NULL
);

CREATE TABLE sync_state (
    id                 INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    client_id          TEXT    NOT NULL, -- a UUID made once
    cookie             INTEGER NOT NULL DEFAULT 0,
    last_mutation_id   INTEGER NOT NULL DEFAULT 0, -- the last handed out
    acknowledged       INTEGER NOT NULL DEFAULT 0, -- the last the server applied
    last_synced_at     TEXT
);

CREATE TABLE sync_problems (
    mutation_id INTEGER NOT NULL PRIMARY KEY,
    entity      TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    local_copy  TEXT    NOT NULL DEFAULT '{}', -- JSON: what the device had sent
    created_at  TEXT    NOT NULL
);
