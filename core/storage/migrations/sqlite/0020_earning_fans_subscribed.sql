-- The subscribers at the end of a range that reaches the last day with
-- earnings are the fans whose last subscription came after their last
-- expiry: counted from this partial index instead of reading every fan row.
-- SQLite uses it only when the query repeats this predicate, and reads no
-- table row only when the index holds the columns the predicate names.
CREATE INDEX earning_fans_subscribed ON earning_fans (agency_id, creator_id, last_subscribed_day, last_expired_day)
    WHERE last_subscribed_day IS NOT NULL AND (last_expired_day IS NULL OR last_subscribed_day > last_expired_day);
