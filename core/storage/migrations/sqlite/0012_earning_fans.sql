-- Each fan's lifetime with a creator (issue 12), kept with the events: what
-- the Dashboard asks of every fan at once (spend segments, subscribers now)
-- reads one row per fan instead of every fan-day. Subscription rows of the
-- fan-days get an index of their own for the questions about past days
-- (subscribers at the end of the previous period, cohorts).
CREATE TABLE earning_fans (
    agency_id           INTEGER NOT NULL,
    creator_id          INTEGER NOT NULL,
    fan                 TEXT    NOT NULL,
    purchases           INTEGER NOT NULL,
    gross_cents         INTEGER NOT NULL,
    net_cents           INTEGER NOT NULL,
    first_new_day       TEXT, -- of a new subscription
    last_subscribed_day TEXT, -- new or renewal
    last_expired_day    TEXT,
    PRIMARY KEY (agency_id, creator_id, fan),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO earning_fans
SELECT agency_id, creator_id, fan, SUM(purchases), SUM(gross_cents), SUM(net_cents),
       MIN(CASE WHEN new_subscriptions > 0 THEN day END), MAX(CASE WHEN new_subscriptions + renewals > 0 THEN day END),
       MAX(CASE WHEN expiries > 0 THEN day END)
FROM earning_fan_days GROUP BY agency_id, creator_id, fan;

CREATE INDEX earning_fan_days_subscriptions ON earning_fan_days (agency_id, creator_id, fan, day, new_subscriptions, renewals, expiries)
    WHERE new_subscriptions + renewals + expiries > 0;
