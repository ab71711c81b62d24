-- Chatters' shifts (issue 10), as on PostgreSQL (0011 there): the weekly
-- schedule and the clocked shifts. On the desktop the one local owner can
-- plan and clock their own work; chatters need a server.
ALTER TABLE agencies ADD COLUMN shift_idle_minutes INTEGER NOT NULL DEFAULT 30
    CHECK (shift_idle_minutes BETWEEN 5 AND 1440);

CREATE TABLE shift_slots (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id    INTEGER NOT NULL,
    member_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    creator_id   INTEGER NOT NULL,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    time_zone    TEXT    NOT NULL,
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE shifts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id        INTEGER NOT NULL,
    member_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    creator_id       INTEGER NOT NULL,
    clocked_in_at    TEXT    NOT NULL,
    clocked_out_at   TEXT,
    last_activity_at TEXT    NOT NULL,
    ended_by         TEXT,
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX shifts_one_open ON shifts (agency_id, member_id) WHERE clocked_out_at IS NULL;
CREATE INDEX shifts_period ON shifts (agency_id, clocked_in_at);
