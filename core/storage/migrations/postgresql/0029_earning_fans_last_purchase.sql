-- The spenders of a range that reaches the last day with earnings are the
-- fans whose last purchase falls in it: counted from this index (an index-only
-- scan) instead of a bitmap scan of each of the creator's fans (13.5 ms a
-- creator with 20,000 fans).
CREATE INDEX earning_fans_last_purchase ON earning_fans (agency_id, creator_id, last_purchase_day);
