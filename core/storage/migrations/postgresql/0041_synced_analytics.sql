-- The analytics roll-ups the Dashboard reads go to devices' replicas too
-- (issue 13, core/storage/syncedrollups.h): each row carries the agency's
-- sync version of its last write, stamped by the trigger of 0040, so an
-- import's roll-ups reach every device at its next pull and no write path
-- can forget. Roll-up rows are only ever deleted with their creator, which a
-- pull tells devices about already: no tombstones. A pull reads what changed
-- after a version, creator by creator (the index).
DO $$
DECLARE
    rollup text;
BEGIN
    FOREACH rollup IN ARRAY ARRAY['earning_days', 'earning_hours', 'earning_fan_days', 'earning_fans', 'earning_subscriber_days',
                                  'earning_spender_days', 'message_days', 'message_reply_buckets', 'engagement_posts'] LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN version bigint NOT NULL DEFAULT 0', rollup);
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version()',
                       rollup || '_version', rollup);
        EXECUTE format('CREATE INDEX %I ON %I (agency_id, creator_id, version)', rollup || '_sync', rollup);
    END LOOP;
END
$$;
