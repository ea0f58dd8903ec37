-- Every write of an expert leaves a row here in the same transaction, so that the ranking index of each API instance
-- can follow changes made through any instance (RankingIndex polls the rows after the last one it has seen).
-- The SQL Server twin is SqlServer/0003_expert_changes.sql.

CREATE TABLE expert_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    expert_id  TEXT NOT NULL,
    changed_at TEXT NOT NULL
);

CREATE INDEX ix_expert_changes_changed_at ON expert_changes (changed_at);
