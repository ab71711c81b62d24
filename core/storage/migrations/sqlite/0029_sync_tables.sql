-- A replica (issue 13) holds creator data a sync brought whole: fans (and
-- what they spent, "fan_earnings"), offers, posts and preferences. A table
-- named here is kept up to date by each pull; the pages read it from here.
CREATE TABLE sync_tables (
    name TEXT PRIMARY KEY
);

-- The server's version of each row (PostgreSQL 0040 stamps it there), so
-- the sync service's reads are the same SQL on both databases; the desktop
-- itself never stamps one.
ALTER TABLE fans ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offers ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE creator_preferences ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
