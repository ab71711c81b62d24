-- Each fan's last subscription and last expiry: what counted the subscribers
-- at the end of the data before earning_subscriber_days (0032). Nothing reads
-- them now, and every import wrote them.
ALTER TABLE earning_fans DROP COLUMN last_subscribed_day, DROP COLUMN last_expired_day;
