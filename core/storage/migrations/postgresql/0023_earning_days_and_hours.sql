-- Two roll-ups instead of one (issue 12): a chart reads a creator's days by
-- kind (five years are 1,826 days × 10 kinds at most) and the heat map reads
-- hours without the kind (43,800 hours), where the hour-and-kind roll-up made a
-- five-year range read up to 438,000 rows. Each fan's first and last purchase
-- days let a range that reaches either end of the data count its spenders
-- from one row per fan.
CREATE TABLE earning_days (
    agency_id   bigint NOT NULL,
    creator_id  bigint NOT NULL,
    day         date   NOT NULL,
    kind        text   NOT NULL,
    events      bigint NOT NULL,
    gross_cents bigint NOT NULL,
    net_cents   bigint NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, kind),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE earning_hours (
    agency_id   bigint   NOT NULL,
    creator_id  bigint   NOT NULL,
    day         date     NOT NULL,
    hour        smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
    events      bigint   NOT NULL,
    gross_cents bigint   NOT NULL,
    net_cents   bigint   NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

-- The roll-ups and fan-days imported before, read as the owner (the policies would show it none of them).
ALTER TABLE earning_rollups NO FORCE ROW LEVEL SECURITY;
INSERT INTO earning_days
SELECT agency_id, creator_id, day, kind, SUM(events), SUM(gross_cents), SUM(net_cents)
FROM earning_rollups GROUP BY agency_id, creator_id, day, kind;
INSERT INTO earning_hours
SELECT agency_id, creator_id, day, hour, SUM(events), SUM(gross_cents), SUM(net_cents)
FROM earning_rollups GROUP BY agency_id, creator_id, day, hour;
DROP TABLE earning_rollups;

ALTER TABLE earning_fans ADD COLUMN first_purchase_day date;
ALTER TABLE earning_fans ADD COLUMN last_purchase_day date;
ALTER TABLE earning_fan_days NO FORCE ROW LEVEL SECURITY;
ALTER TABLE earning_fans NO FORCE ROW LEVEL SECURITY;
UPDATE earning_fans SET first_purchase_day = spans.first_day, last_purchase_day = spans.last_day
FROM (SELECT agency_id, creator_id, fan, MIN(day) AS first_day, MAX(day) AS last_day FROM earning_fan_days
      WHERE purchases > 0 GROUP BY agency_id, creator_id, fan) AS spans
WHERE earning_fans.agency_id = spans.agency_id AND earning_fans.creator_id = spans.creator_id AND earning_fans.fan = spans.fan;
ALTER TABLE earning_fans FORCE ROW LEVEL SECURITY;
ALTER TABLE earning_fan_days FORCE ROW LEVEL SECURITY;

ALTER TABLE earning_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE earning_days FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON earning_days
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON earning_days TO huntaze_runtime;

ALTER TABLE earning_hours ENABLE ROW LEVEL SECURITY;
ALTER TABLE earning_hours FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON earning_hours
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON earning_hours TO huntaze_runtime;
