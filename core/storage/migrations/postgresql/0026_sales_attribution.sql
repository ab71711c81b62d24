-- How the agency credits its team with sales (issue 12), as on SQLite (0016
-- there). The agencies table's row-level security already limits a member to
-- their own agency's row.
ALTER TABLE agencies ADD COLUMN sales_attribution text NOT NULL DEFAULT 'sender'
    CHECK (sales_attribution IN ('sender', 'shift', 'last_writer'));
