-- The match lifecycle: each event keeps the id of the API key that recorded it (null for events recorded before).
-- Stored matches keep their history and status. The SQL Server twin is SqlServer/0004_match_lifecycle.sql.

ALTER TABLE match_events ADD COLUMN recorded_by TEXT NULL;

CREATE INDEX ix_matches_tenant_expert ON matches (tenant_id, expert_id);
