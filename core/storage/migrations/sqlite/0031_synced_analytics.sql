-- The server's version of each analytics roll-up row (PostgreSQL 0041
-- stamps it there), so the sync service's reads of them are the same SQL on
-- both databases; the desktop itself never stamps one.
ALTER TABLE earning_days ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE earning_hours ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE earning_fan_days ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE earning_fans ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE earning_subscriber_days ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE earning_spender_days ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message_days ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message_reply_buckets ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engagement_posts ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
