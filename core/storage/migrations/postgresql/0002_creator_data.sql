-- What the AI tools work from (SQLite set 0003-0005): fans, paid offers and how
-- they sold, past posts and their engagement, drafts, and per-creator
-- preferences. Every row belongs to one account; every query filters on it.
--
-- Calendar dates stay ISO 8601 text ('' when unknown), as in SQLite, so the
-- repositories bind the same values on both databases; the CHECKs keep them
-- well-formed.
CREATE TABLE fans (
    id            bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text          NOT NULL,
    tags          jsonb         NOT NULL DEFAULT '[]',
    total_spend   numeric(12,2) NOT NULL DEFAULT 0 CHECK (total_spend >= 0),
    last_purchase text          NOT NULL DEFAULT '',
    last_active   text          NOT NULL DEFAULT '' CHECK (last_active = '' OR last_active ~ '^\d{4}-\d{2}-\d{2}$')
);
CREATE INDEX fans_user_id ON fans (user_id);

CREATE TABLE offers (
    id         bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      text          NOT NULL DEFAULT '',
    price      numeric(12,2) NOT NULL CHECK (price > 0),
    recipients integer       NOT NULL CHECK (recipients >= 0),
    purchases  integer       NOT NULL CHECK (purchases >= 0 AND purchases <= recipients),
    sent_on    text          NOT NULL DEFAULT '' CHECK (sent_on = '' OR sent_on ~ '^\d{4}-\d{2}-\d{2}$')
);
CREATE INDEX offers_user_id ON offers (user_id);

CREATE TABLE posts (
    id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform   text    NOT NULL DEFAULT '',
    caption    text    NOT NULL DEFAULT '',
    hashtags   jsonb   NOT NULL DEFAULT '[]', -- without '#'
    engagement integer NOT NULL DEFAULT 0 CHECK (engagement >= 0),
    posted_on  text    NOT NULL DEFAULT '' CHECK (posted_on = '' OR posted_on ~ '^\d{4}-\d{2}-\d{2}$')
);
CREATE INDEX posts_user_id ON posts (user_id);

CREATE TABLE drafts (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text        NOT NULL CHECK (kind IN ('idea', 'caption', 'message')),
    title      text        NOT NULL DEFAULT '',
    body       text        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX drafts_user_id ON drafts (user_id, created_at DESC);

CREATE TABLE creator_preferences (
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key        text        NOT NULL,
    value      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
