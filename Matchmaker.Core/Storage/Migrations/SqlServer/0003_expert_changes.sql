-- The SQL Server twin of Sqlite/0003_expert_changes.sql: every write of an expert leaves a row here in the same
-- transaction, so that the ranking index of each API instance can follow changes made through any instance.
-- Identity values are taken before commit, so a later one may commit first: readers follow the ROWVERSION instead,
-- up to MIN_ACTIVE_ROWVERSION() (SqlDialect.ChangesAfter).

CREATE TABLE expert_changes (
    id         BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    expert_id  NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    changed_at DATETIMEOFFSET(7)     NOT NULL,
    version    ROWVERSION            NOT NULL
);

CREATE UNIQUE INDEX ix_expert_changes_version ON expert_changes (version);
CREATE INDEX ix_expert_changes_changed_at ON expert_changes (changed_at);
