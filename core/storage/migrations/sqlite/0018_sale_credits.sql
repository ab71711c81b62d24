-- The sales each attribution rule credits to the team (issue 12), by the
-- creator's local day and member (0: nobody on shift, nobody wrote before),
-- so the agency view reads a few rows per day instead of matching every
-- sale against shifts or conversations. A day is worked out again when an
-- import or a shift changes what its sales are credited to: the writers
-- mark it stale in their transaction (each mark bumps its generation), and
-- the next read of that day recomputes it, answers with the fresh figures
-- and stores them only if the mark it read is still the same.
CREATE TABLE sale_credits (
    agency_id   INTEGER NOT NULL,
    creator_id  INTEGER NOT NULL,
    rule        TEXT    NOT NULL CHECK (rule IN ('shift', 'last_writer')),
    day         TEXT    NOT NULL,
    member_id   INTEGER NOT NULL,
    gross_cents INTEGER NOT NULL,
    net_cents   INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, rule, day, member_id),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE sale_credits_stale (
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    rule       TEXT    NOT NULL CHECK (rule IN ('shift', 'last_writer')),
    day        TEXT    NOT NULL,
    generation INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (agency_id, creator_id, rule, day),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Every day with chat sales imported before (analytics::chatSaleKinds) is to be worked out.
INSERT INTO sale_credits_stale (agency_id, creator_id, rule, day)
SELECT DISTINCT d.agency_id, d.creator_id, r.rule, d.day
FROM earning_days d, (SELECT 'shift' AS rule UNION ALL SELECT 'last_writer') r
WHERE d.kind IN ('tip', 'paid_message', 'mass_message', 'custom');
