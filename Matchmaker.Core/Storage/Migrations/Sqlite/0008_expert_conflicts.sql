-- Conflicts of interest that experts declared with a partner's enterprises: such an expert is never proposed for
-- the enterprise's problems. Kept per tenant, as the enterprise is. The SQL Server twin is SqlServer/0008_expert_conflicts.sql.

CREATE TABLE expert_conflicts (
    tenant_id     TEXT NOT NULL,
    expert_id     TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    reason        TEXT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NULL,
    PRIMARY KEY (tenant_id, expert_id, enterprise_id)
);

CREATE INDEX ix_expert_conflicts_enterprise ON expert_conflicts (tenant_id, enterprise_id);
