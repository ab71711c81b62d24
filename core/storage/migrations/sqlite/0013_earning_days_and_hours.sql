-- Two roll-ups instead of one (issue 12): a chart reads a creator's days by
-- kind (five years are 1,826 days × 10 kinds at most) and the heat map reads
-- hours without the kind (43,800 hours), where the hour-and-kind roll-up made a
-- five-year range read up to 438,000 rows. Each fan's first and last purchase
-- days let a range that reaches either end of the data count its spenders
-- from one row per fan.
CREATE TABLE earning_days (
    agency_id   INTEGER NOT NULL,
    creator_id  INTEGER NOT NULL,
    day         TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    events      INTEGER NOT NULL,
    gross_cents INTEGER NOT NULL,
    net_cents   INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, kind),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE earning_hours (
    agency_id   INTEGER NOT NULL,
    creator_id  INTEGER NOT NULL,
    day         TEXT    NOT NULL,
    hour        INTEGER NOT NULL,
    events      INTEGER NOT NULL,
    gross_cents INTEGER NOT NULL,
    net_cents   INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO earning_days
SELECT agency_id, creator_id, day, kind, SUM(events), SUM(gross_cents), SUM(net_cents)
FROM earning_rollups GROUP BY agency_id, creator_id, day, kind;

INSERT INTO earning_hours
SELECT agency_id, creator_id, day, hour, SUM(events), SUM(gross_cents), SUM(net_cents)
FROM earning_rollups GROUP BY agency_id, creator_id, day, hour;

DROP TABLE earning_rollups;

ALTER TABLE earning_fans ADD COLUMN first_purchase_day TEXT;
ALTER TABLE earning_fans ADD COLUMN last_purchase_day TEXT;
UPDATE earning_fans SET
    first_purchase_day = (SELECT MIN(day) FROM earning_fan_days AS d WHERE d.agency_id = earning_fans.agency_id
                          AND d.creator_id = earning_fans.creator_id AND d.fan = earning_fans.fan AND d.purchases > 0),
    last_purchase_day = (SELECT MAX(day) FROM earning_fan_days AS d WHERE d.agency_id = earning_fans.agency_id
                         AND d.creator_id = earning_fans.creator_id AND d.fan = earning_fans.fan AND d.purchases > 0);
