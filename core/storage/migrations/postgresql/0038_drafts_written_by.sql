-- The device whose push wrote a draft exactly as it had it (issue 13,
-- docs/sync.md): that device's next pull leaves the row out, since it holds
-- it already. Any other write (another device, a merge, the API) clears it.
ALTER TABLE drafts ADD COLUMN written_by_client TEXT;
