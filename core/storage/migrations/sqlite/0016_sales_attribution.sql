-- How the agency credits its team with sales (issue 12): to the member who
-- sent the paid message the fan bought, to the members on shift when the fan
-- paid, or to the last member who wrote to the fan before.
ALTER TABLE agencies ADD COLUMN sales_attribution TEXT NOT NULL DEFAULT 'sender'
    CHECK (sales_attribution IN ('sender', 'shift', 'last_writer'));
