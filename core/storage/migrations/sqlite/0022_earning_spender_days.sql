-- The spenders of every period of a preset length (7, 30, 90, 365 and 366
-- days: core/storage/spenderwindows.h) ending on any local day (issue 12):
-- the previous period of the Dashboard reaches neither end of the data, and
-- counting its distinct fans over the fan-days took 1.1 s for the year before
-- the last of a creator with ten million lines. A fan's purchase on day p is
-- their last one within the periods of length n ending from p to the day
-- before min(p + n, their next purchase day): it adds one on p and takes one
-- away on that end, and a period's spenders are the sum up to its last day.
CREATE TABLE earning_spender_days (
    agency_id      INTEGER NOT NULL,
    creator_id     INTEGER NOT NULL,
    window_days    INTEGER NOT NULL,
    day            TEXT    NOT NULL,
    spender_change INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, window_days, day),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- An import finds the purchase days just before and after each of its own here.
CREATE INDEX earning_fan_days_purchases ON earning_fan_days (agency_id, creator_id, fan, day) WHERE purchases > 0;

INSERT INTO earning_spender_days
SELECT agency_id, creator_id, window_days, day, SUM(spender_change)
FROM (SELECT agency_id, creator_id, window_days, day, 1 AS spender_change
      FROM (SELECT agency_id, creator_id, day FROM earning_fan_days WHERE purchases > 0)
      CROSS JOIN (SELECT 7 AS window_days UNION ALL SELECT 30 UNION ALL SELECT 90 UNION ALL SELECT 365 UNION ALL SELECT 366)
      UNION ALL
      SELECT agency_id, creator_id, window_days,
             CASE WHEN next_day IS NOT NULL AND next_day < date(day, '+' || window_days || ' days') THEN next_day
                  ELSE date(day, '+' || window_days || ' days') END, -1
      FROM (SELECT agency_id, creator_id, day, LEAD(day) OVER (PARTITION BY agency_id, creator_id, fan ORDER BY day) AS next_day
            FROM earning_fan_days WHERE purchases > 0)
      CROSS JOIN (SELECT 7 AS window_days UNION ALL SELECT 30 UNION ALL SELECT 90 UNION ALL SELECT 365 UNION ALL SELECT 366))
GROUP BY agency_id, creator_id, window_days, day HAVING SUM(spender_change) <> 0;
