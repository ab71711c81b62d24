-- Earnings, event by event (issue 12), and their hourly roll-ups in the
-- creator's time zone, which charts read instead of the events. The events
-- are partitioned by month (UTC): an agency with years of statements keeps
-- each month in a table of its own, and an operator can detach old months
-- (ALTER TABLE earning_events DETACH PARTITION earning_events_2021_01) without
-- touching the charts, which read the roll-ups. A statement imported twice
-- adds nothing: each line has an identity (its reference, or a digest of what
-- it says), unique per creator and instant.
CREATE TABLE earning_events (
    agency_id   bigint      NOT NULL,
    creator_id  bigint      NOT NULL,
    event_key   bytea       NOT NULL,
    occurred_at timestamptz NOT NULL,
    local_day   date        NOT NULL, -- in the creator's time zone when imported
    local_hour  smallint    NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
    kind        text        NOT NULL,
    gross_cents bigint      NOT NULL CHECK (gross_cents >= 0),
    net_cents   bigint      NOT NULL CHECK (net_cents BETWEEN 0 AND gross_cents),
    currency    text        NOT NULL,
    fan         text        NOT NULL DEFAULT '',
    reference   text        NOT NULL DEFAULT '',
    member_id   bigint,
    PRIMARY KEY (agency_id, creator_id, event_key, occurred_at),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) PARTITION BY RANGE (occurred_at);
CREATE INDEX earning_events_time ON earning_events (agency_id, creator_id, occurred_at);

ALTER TABLE earning_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE earning_events FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON earning_events
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
-- Through the parent only: the runtime role has no grant on the partitions.
GRANT SELECT, INSERT, DELETE ON earning_events TO huntaze_runtime;

-- The months a batch of events falls in get their partitions first. The
-- runtime role may not create tables; this function, as the owner, makes
-- only partitions of earning_events, one per month, at most 20 years at a time.
CREATE FUNCTION huntaze_earning_partitions(first_at timestamptz, last_at timestamptz) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
    AS $$
DECLARE
    month date := date_trunc('month', first_at AT TIME ZONE 'UTC')::date;
    last_month date := date_trunc('month', last_at AT TIME ZONE 'UTC')::date;
    partition text;
BEGIN
    IF last_month < month OR last_month > month + interval '20 years' THEN
        RAISE EXCEPTION 'huntaze_earning_partitions: % to % is not a range of months it makes', first_at, last_at;
    END IF;
    WHILE month <= last_month LOOP
        partition := 'earning_events_' || to_char(month, 'YYYY_MM');
        IF to_regclass(partition) IS NULL THEN
            -- Two imports reaching a new month at once: one makes it, the other finds it.
            PERFORM pg_advisory_xact_lock(hashtext('huntaze_earning_partitions'));
            IF to_regclass(partition) IS NULL THEN
                EXECUTE format('CREATE TABLE %I PARTITION OF earning_events FOR VALUES FROM (%L) TO (%L)', partition,
                               month::timestamp AT TIME ZONE 'UTC', (month + interval '1 month')::timestamp AT TIME ZONE 'UTC');
            END IF;
        END IF;
        month := (month + interval '1 month')::date;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION huntaze_earning_partitions(timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION huntaze_earning_partitions(timestamptz, timestamptz) TO huntaze_runtime;

CREATE TABLE earning_rollups (
    agency_id   bigint   NOT NULL,
    creator_id  bigint   NOT NULL,
    day         date     NOT NULL,
    hour        smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
    kind        text     NOT NULL,
    events      bigint   NOT NULL,
    gross_cents bigint   NOT NULL,
    net_cents   bigint   NOT NULL,
    PRIMARY KEY (agency_id, creator_id, day, hour, kind),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
ALTER TABLE earning_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE earning_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON earning_rollups
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON earning_rollups TO huntaze_runtime;
