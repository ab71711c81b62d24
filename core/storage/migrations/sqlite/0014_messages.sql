-- The team's conversations with fans, message by message (issue 12), as the
-- message logs list them, and their daily roll-ups per team member. A team
-- message that answered a fan keeps the seconds the fan waited
-- (reply_seconds; NULL when it answered nothing); the roll-ups sum them and
-- count them in buckets, so medians and 90th percentiles over any range read
-- days, never messages. A log imported twice adds nothing (event_key).
CREATE TABLE message_events (
    agency_id     INTEGER NOT NULL,
    creator_id    INTEGER NOT NULL,
    event_key     BLOB    NOT NULL,
    sent_at       TEXT    NOT NULL,
    local_day     TEXT    NOT NULL, -- in the creator's time zone when imported
    local_hour    INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
    from_fan      INTEGER NOT NULL CHECK (from_fan IN (0, 1)),
    fan           TEXT    NOT NULL,
    member_id     INTEGER NOT NULL DEFAULT 0,
    price_cents   INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    bought        INTEGER NOT NULL DEFAULT 0 CHECK (bought IN (0, 1)),
    reference     TEXT    NOT NULL DEFAULT '',
    reply_seconds INTEGER,
    UNIQUE (agency_id, creator_id, event_key),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX message_events_conversation ON message_events (agency_id, creator_id, fan, sent_at);

CREATE TABLE message_days (
    agency_id     INTEGER NOT NULL,
    creator_id    INTEGER NOT NULL,
    day           TEXT    NOT NULL,
    member_id     INTEGER NOT NULL, -- 0: the creator, unknown, or the fans' messages
    from_fans     INTEGER NOT NULL,
    sent          INTEGER NOT NULL,
    paid_sent     INTEGER NOT NULL,
    paid_bought   INTEGER NOT NULL,
    bought_cents  INTEGER NOT NULL,
    replies       INTEGER NOT NULL,
    reply_seconds INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, member_id),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE message_reply_buckets (
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    day        TEXT    NOT NULL,
    member_id  INTEGER NOT NULL,
    bucket     INTEGER NOT NULL, -- analytics::replyBucketBounds
    replies    INTEGER NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, member_id, bucket),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
