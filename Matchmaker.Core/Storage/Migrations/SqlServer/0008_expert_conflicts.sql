-- The SQL Server twin of Sqlite/0008_expert_conflicts.sql: conflicts of interest that experts declared with a
-- partner's enterprises, per tenant.

CREATE TABLE expert_conflicts (
    tenant_id     NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    expert_id     NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    enterprise_id NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    reason        NVARCHAR(500)     NULL,
    created_at    DATETIMEOFFSET(7) NOT NULL,
    created_by    NVARCHAR(100)     NULL,
    PRIMARY KEY (tenant_id, expert_id, enterprise_id)
);

CREATE INDEX ix_expert_conflicts_enterprise ON expert_conflicts (tenant_id, enterprise_id);
