-- Statements larger than one request are imported in batches like the other
-- lists (issue 12).
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check CHECK (kind IN ('fans', 'offers', 'posts', 'earnings'));
