-- The spenders of every period of a preset length (7, 30, 90, 365 and 366
-- days: core/storage/spenderwindows.h) ending on any local day (issue 12):
-- the previous period of the Dashboard reaches neither end of the data, and
-- counting its distinct fans over the fan-days reads every fan-day of it. A
-- fan's purchase on day p is their last one within the periods of length n
-- ending from p to the day before min(p + n, their next purchase day): it
-- adds one on p and takes one away on that end, and a period's spenders are
-- the sum up to its last day.
CREATE TABLE earning_spender_days (
    agency_id      bigint  NOT NULL,
    creator_id     bigint  NOT NULL,
    window_days    integer NOT NULL,
    day            date    NOT NULL,
    spender_change bigint  NOT NULL,
    PRIMARY KEY (agency_id, creator_id, window_days, day) INCLUDE (spender_change),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

-- An import finds the purchase days just before and after each of its own here.
CREATE INDEX earning_fan_days_purchases ON earning_fan_days (agency_id, creator_id, fan, day) WHERE purchases > 0;

-- The fan-days imported before, read as the owner (the policies would show it none of them).
ALTER TABLE earning_fan_days NO FORCE ROW LEVEL SECURITY;
INSERT INTO earning_spender_days
SELECT agency_id, creator_id, window_days, day, SUM(spender_change)
FROM (SELECT agency_id, creator_id, window_days, day, 1 AS spender_change
      FROM earning_fan_days CROSS JOIN (VALUES (7), (30), (90), (365), (366)) AS w(window_days) WHERE purchases > 0
      UNION ALL
      SELECT agency_id, creator_id, window_days, LEAST(next_day, day + window_days), -1
      FROM (SELECT agency_id, creator_id, day, LEAD(day) OVER (PARTITION BY agency_id, creator_id, fan ORDER BY day) AS next_day
            FROM earning_fan_days WHERE purchases > 0) AS purchase_days
      CROSS JOIN (VALUES (7), (30), (90), (365), (366)) AS w(window_days)) AS changes
GROUP BY agency_id, creator_id, window_days, day HAVING SUM(spender_change) <> 0;
ALTER TABLE earning_fan_days FORCE ROW LEVEL SECURITY;

ALTER TABLE earning_spender_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE earning_spender_days FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON earning_spender_days
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON earning_spender_days TO huntaze_runtime;
