-- The team's conversations with fans, message by message (issue 12), as the
-- message logs list them, and their daily roll-ups per team member. A team
-- message that answered a fan keeps the seconds the fan waited
-- (reply_seconds; NULL when it answered nothing); the roll-ups sum them and
-- count them in buckets, so medians and 90th percentiles over any range read
-- days, never messages. A log imported twice adds nothing (event_key). The
-- messages are partitioned by month (UTC) like earning_events.
CREATE TABLE message_events (
    agency_id     bigint      NOT NULL,
    creator_id    bigint      NOT NULL,
    event_key     bytea       NOT NULL,
    sent_at       timestamptz NOT NULL,
    local_day     date        NOT NULL,
    local_hour    smallint    NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
    from_fan      boolean     NOT NULL,
    fan           text        NOT NULL,
    member_id     bigint      NOT NULL DEFAULT 0,
    price_cents   bigint      NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    bought        boolean     NOT NULL DEFAULT false,
    reference     text        NOT NULL DEFAULT '',
    reply_seconds bigint,
    PRIMARY KEY (agency_id, creator_id, event_key, sent_at),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) PARTITION BY RANGE (sent_at);
CREATE INDEX message_events_conversation ON message_events (agency_id, creator_id, fan, sent_at);

ALTER TABLE message_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_events FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON message_events
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
-- Through the parent only: the runtime role has no grant on the partitions.
GRANT SELECT, INSERT, UPDATE, DELETE ON message_events TO huntaze_runtime;

-- One function makes the monthly partitions of both event tables (statements
-- and message logs): each month's partition, made by the owner (the runtime
-- role may not create tables), with row-level security of its own, at most 20
-- years at a time, and only for those two tables.
CREATE FUNCTION huntaze_month_partitions(parent text, first_at timestamptz, last_at timestamptz) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
    AS $$
DECLARE
    month date := date_trunc('month', first_at AT TIME ZONE 'UTC')::date;
    last_month date := date_trunc('month', last_at AT TIME ZONE 'UTC')::date;
    partition text;
BEGIN
    IF parent NOT IN ('earning_events', 'message_events') THEN
        RAISE EXCEPTION 'huntaze_month_partitions: % is not a table it partitions', parent;
    END IF;
    IF last_month < month OR last_month > month + interval '20 years' THEN
        RAISE EXCEPTION 'huntaze_month_partitions: % to % is not a range of months it makes', first_at, last_at;
    END IF;
    WHILE month <= last_month LOOP
        partition := parent || '_' || to_char(month, 'YYYY_MM');
        IF to_regclass(partition) IS NULL THEN
            -- Two imports reaching a new month at once: one makes it, the other finds it.
            PERFORM pg_advisory_xact_lock(hashtext('huntaze_month_partitions ' || parent));
            IF to_regclass(partition) IS NULL THEN
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', partition, parent,
                               month::timestamp AT TIME ZONE 'UTC', (month + interval '1 month')::timestamp AT TIME ZONE 'UTC');
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', partition);
                EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', partition);
            END IF;
        END IF;
        month := (month + interval '1 month')::date;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION huntaze_month_partitions(text, timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_month_partitions(text, timestamptz, timestamptz) TO huntaze_runtime;
-- The statements' own function stays for servers of the version before (a rolling upgrade), through the general one.
CREATE OR REPLACE FUNCTION huntaze_earning_partitions(first_at timestamptz, last_at timestamptz) RETURNS void
    LANGUAGE sql VOLATILE SET search_path = public
    AS $$ SELECT huntaze_month_partitions('earning_events', first_at, last_at) $$;

CREATE TABLE message_days (
    agency_id     bigint NOT NULL,
    creator_id    bigint NOT NULL,
    day           date   NOT NULL,
    member_id     bigint NOT NULL, -- 0: the creator, unknown, or the fans' messages
    from_fans     bigint NOT NULL,
    sent          bigint NOT NULL,
    paid_sent     bigint NOT NULL,
    paid_bought   bigint NOT NULL,
    bought_cents  bigint NOT NULL,
    replies       bigint NOT NULL,
    reply_seconds bigint NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, member_id),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE message_reply_buckets (
    agency_id  bigint   NOT NULL,
    creator_id bigint   NOT NULL,
    day        date     NOT NULL,
    member_id  bigint   NOT NULL,
    bucket     smallint NOT NULL, -- analytics::replyBucketBounds
    replies    bigint   NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, member_id, bucket),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);

ALTER TABLE message_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_days FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON message_days
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON message_days TO huntaze_runtime;

ALTER TABLE message_reply_buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_reply_buckets FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON message_reply_buckets
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON message_reply_buckets TO huntaze_runtime;

-- Message logs larger than one request are imported in batches like the other lists.
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check CHECK (kind IN ('fans', 'offers', 'posts', 'earnings', 'messages'));
