-- The SQL Server twin of Sqlite/0004_match_lifecycle.sql: each event keeps the id of the API key that recorded it
-- (null for events recorded before). Stored matches keep their history and status.

ALTER TABLE match_events ADD recorded_by NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL;

CREATE INDEX ix_matches_tenant_expert ON matches (tenant_id, expert_id);
