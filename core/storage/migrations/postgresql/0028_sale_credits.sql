-- The sales each attribution rule credits to the team (issue 12), as on
-- SQLite (0018 there): by the creator's local day and member (0: nobody on
-- shift, nobody wrote before). Writers mark the days whose credits they
-- change as stale in their transaction, bumping the mark's generation; the
-- next read of a stale day recomputes it and stores the result only if the
-- mark it read is still the same (a writer committing meanwhile wins).
CREATE TABLE sale_credits (
    agency_id   bigint NOT NULL,
    creator_id  bigint NOT NULL,
    rule        text   NOT NULL CHECK (rule IN ('shift', 'last_writer')),
    day         date   NOT NULL,
    member_id   bigint NOT NULL,
    gross_cents bigint NOT NULL,
    net_cents   bigint NOT NULL,
    PRIMARY KEY (agency_id, creator_id, rule, day, member_id),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE sale_credits_stale (
    agency_id  bigint NOT NULL,
    creator_id bigint NOT NULL,
    rule       text   NOT NULL CHECK (rule IN ('shift', 'last_writer')),
    day        date   NOT NULL,
    generation bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (agency_id, creator_id, rule, day),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

-- Every day with chat sales imported before (analytics::chatSaleKinds), read as the owner.
ALTER TABLE earning_days NO FORCE ROW LEVEL SECURITY;
INSERT INTO sale_credits_stale (agency_id, creator_id, rule, day)
SELECT DISTINCT d.agency_id, d.creator_id, r.rule, d.day
FROM earning_days d, (VALUES ('shift'), ('last_writer')) AS r (rule)
WHERE d.kind IN ('tip', 'paid_message', 'mass_message', 'custom');
ALTER TABLE earning_days FORCE ROW LEVEL SECURITY;

ALTER TABLE sale_credits ENABLE ROW LEVEL SECURITY;
ALTER TABLE sale_credits FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON sale_credits
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON sale_credits TO huntaze_runtime;

ALTER TABLE sale_credits_stale ENABLE ROW LEVEL SECURITY;
ALTER TABLE sale_credits_stale FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON sale_credits_stale
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON sale_credits_stale TO huntaze_runtime;
