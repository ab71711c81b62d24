-- How fans answered a creator's posts (issue 12), as the platforms'
-- engagement exports list it: each post with when it went up (local day and
-- hour in the creator's time zone, for the best time to post) and its
-- figures summed over its days, and the figures per post and day. A later
-- export of the same post and day replaces that day's figures; the post's
-- sums follow in the same transaction, so the top posts and the posting
-- heat map read posts, never days.
CREATE TABLE engagement_posts (
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    post       TEXT    NOT NULL,
    posted_at  TEXT    NOT NULL,
    local_day  TEXT    NOT NULL,
    local_hour INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
    caption    TEXT    NOT NULL DEFAULT '',
    likes      INTEGER NOT NULL DEFAULT 0,
    comments   INTEGER NOT NULL DEFAULT 0,
    views      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, creator_id, post),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX engagement_posts_posted ON engagement_posts (agency_id, creator_id, local_day);

CREATE TABLE engagement_days (
    agency_id  INTEGER NOT NULL,
    creator_id INTEGER NOT NULL,
    post       TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    likes      INTEGER NOT NULL CHECK (likes >= 0),
    comments   INTEGER NOT NULL CHECK (comments >= 0),
    views      INTEGER NOT NULL CHECK (views >= 0),
    PRIMARY KEY (agency_id, creator_id, post, day),
    FOREIGN KEY (agency_id, creator_id, post) REFERENCES engagement_posts (agency_id, creator_id, post) ON DELETE CASCADE
) WITHOUT ROWID;
