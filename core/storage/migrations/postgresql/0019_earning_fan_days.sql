-- What each fan paid and how their subscription moved, per local day (issue
-- 12): spenders, spend segments, lifetime value, active subscribers and
-- cohorts read this instead of the events. Kept in the same transaction as
-- the events; lines without a fan (referrals) are not counted here.
CREATE TABLE earning_fan_days (
    agency_id         bigint NOT NULL,
    creator_id        bigint NOT NULL,
    day               date   NOT NULL,
    fan               text   NOT NULL,
    purchases         bigint NOT NULL, -- lines that brought money
    gross_cents       bigint NOT NULL,
    net_cents         bigint NOT NULL,
    new_subscriptions bigint NOT NULL,
    renewals          bigint NOT NULL,
    expiries          bigint NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, fan),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
-- The lines imported before this table existed, read as the owner (the
-- policies would show it none of them).
ALTER TABLE earning_events NO FORCE ROW LEVEL SECURITY;
INSERT INTO earning_fan_days
SELECT agency_id, creator_id, local_day, fan, COUNT(*) FILTER (WHERE gross_cents > 0), SUM(gross_cents), SUM(net_cents),
       COUNT(*) FILTER (WHERE kind = 'subscription_new'), COUNT(*) FILTER (WHERE kind = 'subscription_renewal'),
       COUNT(*) FILTER (WHERE kind = 'subscription_expired')
FROM earning_events WHERE fan <> '' GROUP BY agency_id, creator_id, local_day, fan;
ALTER TABLE earning_events FORCE ROW LEVEL SECURITY;

ALTER TABLE earning_fan_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE earning_fan_days FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON earning_fan_days
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON earning_fan_days TO huntaze_runtime;
