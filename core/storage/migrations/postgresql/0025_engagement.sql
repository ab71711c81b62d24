-- How fans answered a creator's posts (issue 12), as the platforms'
-- engagement exports list it: each post with when it went up (local day and
-- hour in the creator's time zone, for the best time to post) and its
-- figures summed over its days, and the figures per post and day. A later
-- export of the same post and day replaces that day's figures; the post's
-- sums follow in the same transaction, so the top posts and the posting
-- heat map read posts, never days. Rows per post and day, not events: not
-- partitioned.
CREATE TABLE engagement_posts (
    agency_id  bigint      NOT NULL,
    creator_id bigint      NOT NULL,
    post       text        NOT NULL,
    posted_at  timestamptz NOT NULL,
    local_day  date        NOT NULL,
    local_hour smallint    NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
    caption    text        NOT NULL DEFAULT '',
    likes      bigint      NOT NULL DEFAULT 0,
    comments   bigint      NOT NULL DEFAULT 0,
    views      bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, creator_id, post),
    FOREIGN KEY (agency_id, creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX engagement_posts_posted ON engagement_posts (agency_id, creator_id, local_day);

CREATE TABLE engagement_days (
    agency_id  bigint NOT NULL,
    creator_id bigint NOT NULL,
    post       text   NOT NULL,
    day        date   NOT NULL,
    likes      bigint NOT NULL CHECK (likes >= 0),
    comments   bigint NOT NULL CHECK (comments >= 0),
    views      bigint NOT NULL CHECK (views >= 0),
    PRIMARY KEY (agency_id, creator_id, post, day),
    FOREIGN KEY (agency_id, creator_id, post) REFERENCES engagement_posts (agency_id, creator_id, post) ON DELETE CASCADE
);

ALTER TABLE engagement_posts ENABLE ROW LEVEL SECURITY;
ALTER TABLE engagement_posts FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON engagement_posts
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON engagement_posts TO huntaze_runtime;
ALTER TABLE engagement_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE engagement_days FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_rows ON engagement_days
    USING (agency_id = (SELECT huntaze_agency())
           AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON engagement_days TO huntaze_runtime;

-- Engagement exports larger than one request are imported in batches like the other lists.
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check
    CHECK (kind IN ('fans', 'offers', 'posts', 'earnings', 'messages', 'engagement'));
