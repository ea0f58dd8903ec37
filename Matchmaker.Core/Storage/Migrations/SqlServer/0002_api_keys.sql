-- API keys, the SQL Server twin of Sqlite/0002_api_keys.sql. Only a SHA-256 hash of each key is kept; the key itself
-- is shown once, when it is created. A partner key is bound to the partner (tenant) whose records it may see and change.

CREATE TABLE api_keys (
    id         NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    key_hash   NVARCHAR(100)     NOT NULL,
    role       NVARCHAR(20)      NOT NULL CHECK (role IN ('partner', 'staff', 'analyst')),
    partner_id NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL,
    name       NVARCHAR(200)     NOT NULL,
    created_at DATETIMEOFFSET(7) NOT NULL,
    revoked_at DATETIMEOFFSET(7) NULL,
    CHECK ((role = 'partner' AND partner_id IS NOT NULL) OR (role <> 'partner' AND partner_id IS NULL))
);
