-- Each fan's lifetime with a creator (issue 12), kept with the events: what
-- the Dashboard asks of every fan at once (spend segments, subscribers now)
-- reads one row per fan instead of every fan-day. Subscription rows of the
-- fan-days get an index of their own for the questions about past days
-- (subscribers at the end of the previous period, cohorts).
CREATE TABLE earning_fans (
    agency_id           bigint NOT NULL,
    creator_id          bigint NOT NULL,
    fan                 text   NOT NULL,
    purchases           bigint NOT NULL,
    gross_cents         bigint NOT NULL,
    net_cents           bigint NOT NULL,
    first_new_day       date, -- of a new subscription
    last_subscribed_day date, -- new or renewal
    last_expired_day    date,
    PRIMARY KEY (agency_id, creator_id, fan),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

-- The fan-days imported before, read as the owner (the policies would show it none of them).
ALTER TABLE earning_fan_days NO FORCE ROW LEVEL SECURITY;
INSERT INTO earning_fans
SELECT agency_id, creator_id, fan, SUM(purchases), SUM(gross_cents), SUM(net_cents),
       MIN(CASE WHEN new_subscriptions > 0 THEN day END), MAX(CASE WHEN new_subscriptions + renewals > 0 THEN day END),
       MAX(CASE WHEN expiries > 0 THEN day END)
FROM earning_fan_days GROUP BY agency_id, creator_id, fan;
ALTER TABLE earning_fan_days FORCE ROW LEVEL SECURITY;

ALTER TABLE earning_fans ENABLE ROW LEVEL SECURITY;
ALTER TABLE earning_fans FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON earning_fans
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON earning_fans TO huntaze_runtime;

CREATE INDEX earning_fan_days_subscriptions ON earning_fan_days (agency_id, creator_id, fan, day)
    INCLUDE (new_subscriptions, renewals, expiries) WHERE new_subscriptions + renewals + expiries > 0;
