-- Each month's partition of earning_events has row-level security of its
-- own, enabled and forced, with no policy: reached directly (by a role given
-- a grant on it by mistake, or its owner) it shows nothing; through the
-- parent, the parent's policies decide as before.
CREATE OR REPLACE FUNCTION huntaze_earning_partitions(first_at timestamptz, last_at timestamptz) RETURNS void
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
                EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', partition);
                EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', partition);
            END IF;
        END IF;
        month := (month + interval '1 month')::date;
    END LOOP;
END
$$;

DO $$
DECLARE
    partition regclass;
BEGIN
    FOR partition IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'earning_events'::regclass LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', partition);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', partition);
    END LOOP;
END
$$;
