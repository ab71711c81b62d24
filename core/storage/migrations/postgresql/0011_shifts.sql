-- Chatters' shifts (issue 10): a weekly schedule per member and creator, and
-- the shifts they clocked. A shift left open ends by itself after the
-- agency's idle limit without activity (at the last activity; see
-- core/agency/shifts.h). Both tables carry the creator, so row-level security
-- shows a chatter only the shifts on creators assigned to them.
ALTER TABLE agencies ADD COLUMN shift_idle_minutes integer NOT NULL DEFAULT 30
    CHECK (shift_idle_minutes BETWEEN 5 AND 1440);

CREATE TABLE shift_slots (
    agency_id    bigint   NOT NULL,
    id           bigint   GENERATED ALWAYS AS IDENTITY,
    member_id    bigint   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    creator_id   bigint   NOT NULL,
    weekday      smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    minutes      smallint NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    time_zone    text     NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE shifts (
    agency_id        bigint      NOT NULL,
    id               bigint      GENERATED ALWAYS AS IDENTITY,
    member_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    creator_id       bigint      NOT NULL,
    clocked_in_at    timestamptz NOT NULL,
    clocked_out_at   timestamptz,
    last_activity_at timestamptz NOT NULL,
    ended_by         text,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE,
    CHECK (clocked_out_at IS NULL OR clocked_out_at >= clocked_in_at)
);
-- One open shift per member and agency: clocking in twice cannot race.
CREATE UNIQUE INDEX shifts_one_open ON shifts (agency_id, member_id) WHERE clocked_out_at IS NULL;
CREATE INDEX shifts_period ON shifts (agency_id, clocked_in_at);

ALTER TABLE shift_slots ENABLE ROW LEVEL SECURITY;
ALTER TABLE shift_slots FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON shift_slots USING (agency_id = (SELECT huntaze_agency()) AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
ALTER TABLE shifts ENABLE ROW LEVEL SECURITY;
ALTER TABLE shifts FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON shifts USING (agency_id = (SELECT huntaze_agency()) AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));

-- Shifts are records of paid work: the server ends them, never deletes them.
GRANT SELECT, INSERT, UPDATE ON shifts TO huntaze_runtime;
REVOKE DELETE, TRUNCATE ON shifts FROM huntaze_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON shift_slots TO huntaze_runtime;
