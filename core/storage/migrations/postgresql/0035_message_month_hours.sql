-- The team's messages by month and local hour of the day (issue 12), as on
-- SQLite (0024 there), kept with message_hours in the same transaction: the
-- agency view's whole months come from here, a row per month, hour and
-- member, instead of summing a year of hour rows (about 150 + 115 ms for the
-- hours and their reply buckets of twenty creators in psql). `day` is the
-- month's first day; the sums live in the key's leaves (index-only scans, as 0031).
CREATE TABLE message_month_hours (
    agency_id     bigint   NOT NULL,
    creator_id    bigint   NOT NULL,
    day           date     NOT NULL,
    hour          smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
    member_id     bigint   NOT NULL,
    from_fans     bigint   NOT NULL,
    sent          bigint   NOT NULL,
    paid_sent     bigint   NOT NULL,
    paid_bought   bigint   NOT NULL,
    bought_cents  bigint   NOT NULL,
    replies       bigint   NOT NULL,
    reply_seconds bigint   NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour, member_id)
        INCLUDE (from_fans, sent, paid_sent, paid_bought, bought_cents, replies, reply_seconds),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE message_month_hour_buckets (
    agency_id  bigint   NOT NULL,
    creator_id bigint   NOT NULL,
    day        date     NOT NULL,
    hour       smallint NOT NULL,
    member_id  bigint   NOT NULL,
    bucket     smallint NOT NULL,
    replies    bigint   NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour, member_id, bucket) INCLUDE (replies),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

-- The hours kept before, read as the owner (the policies would show it none of them).
ALTER TABLE message_hours NO FORCE ROW LEVEL SECURITY;
ALTER TABLE message_hour_buckets NO FORCE ROW LEVEL SECURITY;
INSERT INTO message_month_hours
SELECT agency_id, creator_id, date_trunc('month', day)::date, hour, member_id, SUM(from_fans), SUM(sent), SUM(paid_sent),
       SUM(paid_bought), SUM(bought_cents), SUM(replies), SUM(reply_seconds)
FROM message_hours GROUP BY agency_id, creator_id, date_trunc('month', day)::date, hour, member_id;
INSERT INTO message_month_hour_buckets
SELECT agency_id, creator_id, date_trunc('month', day)::date, hour, member_id, bucket, SUM(replies)
FROM message_hour_buckets GROUP BY agency_id, creator_id, date_trunc('month', day)::date, hour, member_id, bucket;
ALTER TABLE message_hours FORCE ROW LEVEL SECURITY;
ALTER TABLE message_hour_buckets FORCE ROW LEVEL SECURITY;

ALTER TABLE message_month_hours ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_month_hours FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON message_month_hours
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON message_month_hours TO huntaze_runtime;

ALTER TABLE message_month_hour_buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_month_hour_buckets FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON message_month_hour_buckets
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON message_month_hour_buckets TO huntaze_runtime;
