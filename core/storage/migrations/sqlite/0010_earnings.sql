-- Earnings, event by event (issue 12), and their hourly roll-ups in the
-- creator's time zone, which charts read instead of the events. A statement
-- imported twice adds nothing: each line has an identity (its reference, or
-- a digest of what it says), unique per creator.
CREATE TABLE earning_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id   INTEGER NOT NULL,
    creator_id  INTEGER NOT NULL,
    event_key   BLOB    NOT NULL,
    occurred_at TEXT    NOT NULL, -- ISO 8601, UTC
    local_day   TEXT    NOT NULL, -- YYYY-MM-DD in the creator's time zone when imported
    local_hour  INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
    kind        TEXT    NOT NULL,
    gross_cents INTEGER NOT NULL CHECK (gross_cents >= 0),
    net_cents   INTEGER NOT NULL CHECK (net_cents BETWEEN 0 AND gross_cents),
    currency    TEXT    NOT NULL,
    fan         TEXT    NOT NULL DEFAULT '',
    reference   TEXT    NOT NULL DEFAULT '',
    member_id   INTEGER,
    UNIQUE (agency_id, creator_id, event_key),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX earning_events_time ON earning_events (agency_id, creator_id, occurred_at);

CREATE TABLE earning_rollups (
    agency_id   INTEGER NOT NULL,
    creator_id  INTEGER NOT NULL,
    day         TEXT    NOT NULL,
    hour        INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    events      INTEGER NOT NULL,
    gross_cents INTEGER NOT NULL,
    net_cents   INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour, kind),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
