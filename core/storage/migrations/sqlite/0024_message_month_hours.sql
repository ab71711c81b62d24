-- The team's messages by month and local hour of the day (issue 12), kept
-- with message_hours in the same transaction: the agency view sums a range by
-- hour of the day, and a year of twenty creators was 312,000 hour rows and
-- their reply buckets (585 + 287 ms in the sqlite3 shell). Its whole months
-- now come from here, a row per month, hour and member; the days of the
-- months it covers in part from message_hours. `day` is the month's first day.
CREATE TABLE message_month_hours (
    agency_id     INTEGER NOT NULL,
    creator_id    INTEGER NOT NULL,
    day           TEXT    NOT NULL,
    hour          INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    member_id     INTEGER NOT NULL,
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

CREATE TABLE message_month_hour_buckets (
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    day        TEXT    NOT NULL,
    hour       INTEGER NOT NULL,
    member_id  INTEGER NOT NULL,
    bucket     INTEGER NOT NULL,
    replies    INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour, member_id, bucket),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO message_month_hours
SELECT agency_id, creator_id, substr(day, 1, 8) || '01', hour, member_id, SUM(from_fans), SUM(sent), SUM(paid_sent),
       SUM(paid_bought), SUM(bought_cents), SUM(replies), SUM(reply_seconds)
FROM message_hours GROUP BY agency_id, creator_id, substr(day, 1, 8) || '01', hour, member_id;

INSERT INTO message_month_hour_buckets
SELECT agency_id, creator_id, substr(day, 1, 8) || '01', hour, member_id, bucket, SUM(replies)
FROM message_hour_buckets GROUP BY agency_id, creator_id, substr(day, 1, 8) || '01', hour, member_id, bucket;
