-- The device whose push wrote a draft exactly as it had it (issue 13,
-- docs/sync.md): that device's next pull leaves the row out. Kept here too
-- so the embedded database and a replica share the server's schema.
ALTER TABLE drafts ADD COLUMN written_by_client TEXT;

-- A push's answer asks, per draft applied, whether a later change of it waits.
CREATE INDEX sync_outbox_entity ON sync_outbox (entity_id, mutation_id);
