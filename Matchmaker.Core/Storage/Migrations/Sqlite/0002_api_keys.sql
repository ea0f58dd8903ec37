-- API keys. Only a SHA-256 hash of each key is kept; the key itself is shown once, when it is created.
-- A partner key is bound to the partner (tenant) whose records it may see and change.

CREATE TABLE api_keys (
    id         TEXT NOT NULL PRIMARY KEY,
    key_hash   TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('partner', 'staff', 'analyst')),
    partner_id TEXT NULL,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL,
    CHECK ((role = 'partner' AND partner_id IS NOT NULL) OR (role <> 'partner' AND partner_id IS NULL))
);
