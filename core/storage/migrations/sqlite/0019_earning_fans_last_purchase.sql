-- The spenders of a range that reaches the last day with earnings are the
-- fans whose last purchase falls in it: counted from this index instead of
-- reading each of the creator's fans.
CREATE INDEX earning_fans_last_purchase ON earning_fans (agency_id, creator_id, last_purchase_day);
