-- Imports larger than one request (more than 20,000 rows or 4 MiB): the
-- client opens an import, sends its rows in batches, and commits; the rows
-- wait here, then move into their table in one transaction, all or nothing.
-- In PostgreSQL rather than in a server's memory, so any instance behind a
-- load balancer can take any batch. Imports left open expire after a day.
CREATE TABLE imports (
    id         text        PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text        NOT NULL CHECK (kind IN ('fans', 'offers', 'posts')),
    row_count  integer     NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL
);
CREATE INDEX imports_created_at ON imports (created_at);

CREATE TABLE import_rows (
    import_id text    NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    row_json  text    NOT NULL,
    PRIMARY KEY (import_id, position)
);
