-- How many fans became subscribers and stopped being subscribers on each
-- local day (issue 12), kept with the fan-days: the subscribers at the end of
-- any day are the sum of the days up to it (at most 1,826 rows for five
-- years) instead of a question to each fan whose subscription moved since
-- (20,000 index seeks, about half a second, for the previous year of a
-- creator with ten million lines). A fan is subscribed after the last day
-- their subscription moved unless that day had an expiry (which ends a
-- subscription of the same day); a change is a day where that flips.
CREATE TABLE earning_subscriber_days (
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    day        TEXT    NOT NULL,
    gained     INTEGER NOT NULL,
    lost       INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO earning_subscriber_days
SELECT agency_id, creator_id, day, SUM(subscribed > before), SUM(subscribed < before)
FROM (SELECT agency_id, creator_id, day, expiries = 0 AS subscribed,
             LAG(expiries = 0, 1, 0) OVER (PARTITION BY agency_id, creator_id, fan ORDER BY day) AS before
      FROM earning_fan_days WHERE new_subscriptions + renewals + expiries > 0)
GROUP BY agency_id, creator_id, day HAVING SUM(subscribed <> before) > 0;

-- What counted the subscribers at the end of the data before: nothing reads it now.
DROP INDEX earning_fans_subscribed;
