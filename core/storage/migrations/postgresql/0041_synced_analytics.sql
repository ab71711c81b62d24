-- The analytics roll-ups the Dashboard reads go to devices' replicas too
-- (issue 13, core/storage/syncedrollups.h): each row carries the agency's
-- sync version of its last write, stamped by the trigger of 0040, so an
-- import's roll-ups reach every device at its next pull and no write path
-- can forget. Roll-up rows are only ever deleted with their creator, which a
-- pull tells devices about already: no tombstones.

ALTER TABLE earning_days ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE earning_hours ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE earning_fan_days ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE earning_fans ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE earning_subscriber_days ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE earning_spender_days ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE message_days ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE message_reply_buckets ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE engagement_posts ADD COLUMN version bigint NOT NULL DEFAULT 0;

CREATE TRIGGER earning_days_version BEFORE INSERT OR UPDATE ON earning_days
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER earning_hours_version BEFORE INSERT OR UPDATE ON earning_hours
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER earning_fan_days_version BEFORE INSERT OR UPDATE ON earning_fan_days
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER earning_fans_version BEFORE INSERT OR UPDATE ON earning_fans
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER earning_subscriber_days_version BEFORE INSERT OR UPDATE ON earning_subscriber_days
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER earning_spender_days_version BEFORE INSERT OR UPDATE ON earning_spender_days
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER message_days_version BEFORE INSERT OR UPDATE ON message_days
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER message_reply_buckets_version BEFORE INSERT OR UPDATE ON message_reply_buckets
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();
CREATE TRIGGER engagement_posts_version BEFORE INSERT OR UPDATE ON engagement_posts
    FOR EACH ROW EXECUTE FUNCTION huntaze_stamp_sync_version();

-- A pull reads what changed after a version, creator by creator.
CREATE INDEX earning_days_sync ON earning_days (agency_id, creator_id, version);
CREATE INDEX earning_hours_sync ON earning_hours (agency_id, creator_id, version);
CREATE INDEX earning_fan_days_sync ON earning_fan_days (agency_id, creator_id, version);
CREATE INDEX earning_fans_sync ON earning_fans (agency_id, creator_id, version);
CREATE INDEX earning_subscriber_days_sync ON earning_subscriber_days (agency_id, creator_id, version);
CREATE INDEX earning_spender_days_sync ON earning_spender_days (agency_id, creator_id, version);
CREATE INDEX message_days_sync ON message_days (agency_id, creator_id, version);
CREATE INDEX message_reply_buckets_sync ON message_reply_buckets (agency_id, creator_id, version);
CREATE INDEX engagement_posts_sync ON engagement_posts (agency_id, creator_id, version);
