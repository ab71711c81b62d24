-- What each fan paid and how their subscription moved, per local day (issue
-- 12): spenders, spend segments, lifetime value, active subscribers and
-- cohorts read this instead of the events. Kept in the same transaction as
-- the events; lines without a fan (referrals) are not counted here.
CREATE TABLE earning_fan_days (
    agency_id         INTEGER NOT NULL,
    creator_id        INTEGER NOT NULL,
    day               TEXT    NOT NULL,
    fan               TEXT    NOT NULL,
    purchases         INTEGER NOT NULL, -- lines that brought money
    gross_cents       INTEGER NOT NULL,
    net_cents         INTEGER NOT NULL,
    new_subscriptions INTEGER NOT NULL,
    renewals          INTEGER NOT NULL,
    expiries          INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, fan),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO earning_fan_days
SELECT agency_id, creator_id, local_day, fan, SUM(gross_cents > 0), SUM(gross_cents), SUM(net_cents),
       SUM(kind = 'subscription_new'), SUM(kind = 'subscription_renewal'), SUM(kind = 'subscription_expired')
FROM earning_events WHERE fan <> '' GROUP BY agency_id, creator_id, local_day, fan;
