-- The team's messages by local hour of the day too (issue 12): reply times,
-- paid messages sent and bought per member and hour, so the agency view
-- shows when each chatter answers fast or slow without reading messages.
-- Kept with message_days in the same transaction; filled here from the
-- messages already imported (their reply waits are stored with them).
CREATE TABLE message_hours (
    agency_id     INTEGER NOT NULL,
    creator_id    INTEGER NOT NULL,
    day           TEXT    NOT NULL,
    hour          INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    member_id     INTEGER NOT NULL, -- 0: the creator, unknown, or the fans' messages
    from_fans     INTEGER NOT NULL,
    sent          INTEGER NOT NULL,
    paid_sent     INTEGER NOT NULL,
    paid_bought   INTEGER NOT NULL,
    bought_cents  INTEGER NOT NULL,
    replies       INTEGER NOT NULL,
    reply_seconds INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour, member_id),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE message_hour_buckets (
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    day        TEXT    NOT NULL,
    hour       INTEGER NOT NULL,
    member_id  INTEGER NOT NULL,
    bucket     INTEGER NOT NULL, -- analytics::replyBucketBounds
    replies    INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour, member_id, bucket),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO message_hours
SELECT agency_id, creator_id, local_day, local_hour, CASE WHEN from_fan = 1 THEN 0 ELSE member_id END,
       SUM(from_fan), SUM(1 - from_fan),
       SUM(CASE WHEN from_fan = 0 AND price_cents > 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN from_fan = 0 AND price_cents > 0 AND bought = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN from_fan = 0 AND price_cents > 0 AND bought = 1 THEN price_cents ELSE 0 END),
       SUM(CASE WHEN reply_seconds IS NULL THEN 0 ELSE 1 END), COALESCE(SUM(reply_seconds), 0)
FROM message_events
GROUP BY agency_id, creator_id, local_day, local_hour, CASE WHEN from_fan = 1 THEN 0 ELSE member_id END;

-- A wait's bucket: how many bounds lie below it (the last bucket holds the rest).
WITH bounds (b) AS (VALUES (15), (30), (60), (120), (180), (300), (450), (600), (900), (1200), (1800), (2700), (3600), (5400),
                           (7200), (10800), (14400), (21600), (28800), (43200), (57600), (72000), (86400), (604800))
INSERT INTO message_hour_buckets
SELECT agency_id, creator_id, local_day, local_hour, member_id, bucket, COUNT(*)
FROM (SELECT agency_id, creator_id, local_day, local_hour, member_id,
             MIN(23, (SELECT COUNT(*) FROM bounds WHERE b < reply_seconds)) AS bucket
      FROM message_events WHERE reply_seconds IS NOT NULL) AS waits
GROUP BY agency_id, creator_id, local_day, local_hour, member_id, bucket;
