-- How many fans became subscribers and stopped being subscribers on each
-- local day (issue 12), kept with the fan-days: the subscribers at the end of
-- any day are the sum of the days up to it (at most 1,826 rows a creator for
-- five years) instead of a question to each fan whose subscription moved
-- since. A fan is subscribed after the last day their subscription moved
-- unless that day had an expiry (which ends a subscription of the same day);
-- a change is a day where that flips.
CREATE TABLE earning_subscriber_days (
    agency_id  bigint NOT NULL,
    creator_id bigint NOT NULL,
    day        date   NOT NULL,
    gained     bigint NOT NULL,
    lost       bigint NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day) INCLUDE (gained, lost),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

-- The fan-days imported before, read as the owner (the policies would show it none of them).
ALTER TABLE earning_fan_days NO FORCE ROW LEVEL SECURITY;
INSERT INTO earning_subscriber_days
SELECT agency_id, creator_id, day, COUNT(*) FILTER (WHERE subscribed > before), COUNT(*) FILTER (WHERE subscribed < before)
FROM (SELECT agency_id, creator_id, day, (expiries = 0)::int AS subscribed,
             LAG((expiries = 0)::int, 1, 0) OVER (PARTITION BY agency_id, creator_id, fan ORDER BY day) AS before
      FROM earning_fan_days WHERE new_subscriptions + renewals + expiries > 0) AS moves
GROUP BY agency_id, creator_id, day HAVING COUNT(*) FILTER (WHERE subscribed <> before) > 0;
ALTER TABLE earning_fan_days FORCE ROW LEVEL SECURITY;

ALTER TABLE earning_subscriber_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE earning_subscriber_days FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON earning_subscriber_days
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON earning_subscriber_days TO huntaze_runtime;

-- What counted the subscribers at the end of the data before: nothing reads it now.
DROP INDEX earning_fans_subscribed;
