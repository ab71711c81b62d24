-- The team's messages by local hour of the day too (issue 12), as on SQLite
-- (0017 there): reply times, paid messages sent and bought per member and
-- hour, kept with message_days in the same transaction, filled here from
-- the messages already imported.
CREATE TABLE message_hours (
    agency_id     bigint   NOT NULL,
    creator_id    bigint   NOT NULL,
    day           date     NOT NULL,
    hour          smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
    member_id     bigint   NOT NULL, -- 0: the creator, unknown, or the fans' messages
    from_fans     bigint   NOT NULL,
    sent          bigint   NOT NULL,
    paid_sent     bigint   NOT NULL,
    paid_bought   bigint   NOT NULL,
    bought_cents  bigint   NOT NULL,
    replies       bigint   NOT NULL,
    reply_seconds bigint   NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour, member_id),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE message_hour_buckets (
    agency_id  bigint   NOT NULL,
    creator_id bigint   NOT NULL,
    day        date     NOT NULL,
    hour       smallint NOT NULL,
    member_id  bigint   NOT NULL,
    bucket     smallint NOT NULL, -- analytics::replyBucketBounds
    replies    bigint   NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour, member_id, bucket),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

-- The messages imported before, read as the owner (the policies would show it none of them).
ALTER TABLE message_events NO FORCE ROW LEVEL SECURITY;
INSERT INTO message_hours
SELECT agency_id, creator_id, local_day, local_hour, CASE WHEN from_fan THEN 0 ELSE member_id END,
       COUNT(*) FILTER (WHERE from_fan), COUNT(*) FILTER (WHERE NOT from_fan),
       COUNT(*) FILTER (WHERE NOT from_fan AND price_cents > 0),
       COUNT(*) FILTER (WHERE NOT from_fan AND price_cents > 0 AND bought),
       COALESCE(SUM(price_cents) FILTER (WHERE NOT from_fan AND price_cents > 0 AND bought), 0),
       COUNT(reply_seconds), COALESCE(SUM(reply_seconds), 0)
FROM message_events
GROUP BY agency_id, creator_id, local_day, local_hour, CASE WHEN from_fan THEN 0 ELSE member_id END;

-- A wait's bucket: how many bounds lie below it (the last bucket holds the rest).
WITH bounds (b) AS (VALUES (15), (30), (60), (120), (180), (300), (450), (600), (900), (1200), (1800), (2700), (3600), (5400),
                           (7200), (10800), (14400), (21600), (28800), (43200), (57600), (72000), (86400), (604800))
INSERT INTO message_hour_buckets
SELECT agency_id, creator_id, local_day, local_hour, member_id, bucket, COUNT(*)
FROM (SELECT agency_id, creator_id, local_day, local_hour, member_id,
             LEAST(23, (SELECT COUNT(*) FROM bounds WHERE b < reply_seconds)) AS bucket
      FROM message_events WHERE reply_seconds IS NOT NULL) AS waits
GROUP BY agency_id, creator_id, local_day, local_hour, member_id, bucket;
ALTER TABLE message_events FORCE ROW LEVEL SECURITY;

ALTER TABLE message_hours ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_hours FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON message_hours
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON message_hours TO huntaze_runtime;

ALTER TABLE message_hour_buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_hour_buckets FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON message_hour_buckets
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON message_hour_buckets TO huntaze_runtime;
