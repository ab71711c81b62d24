-- Drafts become editable on every device (issue 13): a UUID identity a device
-- can make offline, post and message kinds with their fields, a status, when
-- it last changed, the server's version of its last write (0: never written
-- through a sync) and a tombstone for deletes, so a sync can pass them on.
-- Ideas and captions become post drafts. Altered in place: the row-level
-- security policy and the runtime role's grants stay as they are.
ALTER TABLE drafts ADD COLUMN uuid uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE drafts DROP CONSTRAINT drafts_pkey;
ALTER TABLE drafts DROP COLUMN id;
ALTER TABLE drafts RENAME COLUMN uuid TO id;
ALTER TABLE drafts ALTER COLUMN id DROP DEFAULT;
ALTER TABLE drafts ADD PRIMARY KEY (agency_id, id);

ALTER TABLE drafts DROP CONSTRAINT drafts_kind_check;
UPDATE drafts SET kind = 'post' WHERE kind IN ('idea', 'caption');
ALTER TABLE drafts ADD CONSTRAINT drafts_kind_check CHECK (kind IN ('post', 'message'));
ALTER TABLE drafts ALTER COLUMN body SET DEFAULT '',
    ADD COLUMN status     text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'done')),
    ADD COLUMN notes      text        NOT NULL DEFAULT '',
    ADD COLUMN hashtags   jsonb       NOT NULL DEFAULT '[]', -- without '#'
    ADD COLUMN platform   text        NOT NULL DEFAULT '',
    ADD COLUMN planned_at timestamptz,
    ADD COLUMN media      jsonb       NOT NULL DEFAULT '[]', -- paths or URLs
    ADD COLUMN audience   text        NOT NULL DEFAULT '',
    ADD COLUMN updated_at timestamptz,
    ADD COLUMN version    bigint      NOT NULL DEFAULT 0,
    ADD COLUMN deleted    boolean     NOT NULL DEFAULT false;
UPDATE drafts SET updated_at = created_at;
ALTER TABLE drafts ALTER COLUMN updated_at SET NOT NULL;
DROP INDEX drafts_creator;
CREATE INDEX drafts_creator ON drafts (agency_id, creator_id, updated_at DESC);
