-- The analytics a desktop on a server was last sent (issue 13), kept in its
-- replica so the Dashboard and the Performance page open with no network.
-- The server's answers are kept rather than its roll-ups: the figures are
-- worked out from fan-days and from the events themselves (sales credited
-- by shift or conversation), far more rows than a device should hold. One
-- row per view, creator (0: the agency view) and request; `shape` is the
-- request less its dates, so "the last 30 days" asked tomorrow finds
-- today's answer. The embedded backend never writes here.
CREATE TABLE kept_analytics (
    view        TEXT    NOT NULL CHECK (view IN ('dashboard', 'agency')),
    creator_id  INTEGER NOT NULL,
    request     TEXT    NOT NULL,
    shape       TEXT    NOT NULL,
    answer      TEXT    NOT NULL, -- the server's JSON
    answered_at TEXT    NOT NULL, -- ISO 8601, UTC
    PRIMARY KEY (view, creator_id, request)
) WITHOUT ROWID;
CREATE INDEX kept_analytics_shape ON kept_analytics (view, creator_id, shape, answered_at);
