-- Sync between devices and the server (issue 13, docs/sync.md).
--
-- Each agency's version counter: a transaction that writes synced rows takes
-- the next value by updating its row, which stays locked until it commits, so
-- the agency's writers take their versions in commit order and a pull's
-- cookie never skips a row committed later with a lower number.
CREATE TABLE sync_counters (
    agency_id bigint PRIMARY KEY REFERENCES agencies (id) ON DELETE CASCADE,
    version   bigint NOT NULL
);

-- Each device that pushes: whose it is and the last of its mutations applied.
CREATE TABLE sync_clients (
    agency_id        bigint      NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    client_id        uuid        NOT NULL,
    user_id          bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_mutation_id bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (agency_id, client_id)
);

-- Mutations refused for good (or a delete that kept an edited row), reported
-- to the device at its next pull so it can show them with its copy kept.
CREATE TABLE sync_rejections (
    agency_id   bigint      NOT NULL,
    client_id   uuid        NOT NULL,
    mutation_id bigint      NOT NULL,
    entity      text        NOT NULL,
    entity_id   text        NOT NULL,
    code        text        NOT NULL,
    reason      text        NOT NULL,
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (agency_id, client_id, mutation_id),
    FOREIGN KEY (agency_id, client_id) REFERENCES sync_clients (agency_id, client_id) ON DELETE CASCADE
);

-- An edit that overlapped a change made meanwhile: the draft keeps the
-- server's fields, the device's are kept here until someone resolves it.
CREATE TABLE draft_conflicts (
    agency_id   bigint      NOT NULL,
    id          uuid        NOT NULL,
    draft_id    uuid        NOT NULL,
    creator_id  bigint      NOT NULL,
    author_id   bigint      REFERENCES users (id) ON DELETE SET NULL,
    fields      jsonb       NOT NULL, -- the device's values of the fields it changed
    conflicting jsonb       NOT NULL, -- the names of those changed both ways
    version     bigint      NOT NULL,
    resolved    boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, draft_id) REFERENCES drafts (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX draft_conflicts_sync ON draft_conflicts (agency_id, creator_id, version);

-- A pull reads what changed after a version.
CREATE INDEX drafts_sync ON drafts (agency_id, creator_id, version);

ALTER TABLE sync_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON sync_counters USING (agency_id = (SELECT huntaze_agency()));
GRANT SELECT, INSERT, UPDATE ON sync_counters TO huntaze_runtime;

ALTER TABLE sync_clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_clients FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON sync_clients USING (agency_id = (SELECT huntaze_agency()));
GRANT SELECT, INSERT, UPDATE ON sync_clients TO huntaze_runtime;

ALTER TABLE sync_rejections ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_rejections FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON sync_rejections USING (agency_id = (SELECT huntaze_agency()));
GRANT SELECT, INSERT ON sync_rejections TO huntaze_runtime;

ALTER TABLE draft_conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE draft_conflicts FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON draft_conflicts
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE ON draft_conflicts TO huntaze_runtime;
