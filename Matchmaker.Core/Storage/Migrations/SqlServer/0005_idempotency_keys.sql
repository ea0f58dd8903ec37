-- The SQL Server twin of Sqlite/0005_idempotency_keys.sql: answers of requests sent with an Idempotency-Key, per API
-- key, committed in the same transaction as the request's own writes.

CREATE TABLE idempotency_keys (
    api_key_id      NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    idempotency_key NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
    request_hash    CHAR(64)          NOT NULL,
    status          INT               NOT NULL,
    content_type    NVARCHAR(200)     NULL,
    location        NVARCHAR(1000)    NULL,
    body            VARBINARY(MAX)    NOT NULL,
    created_at      DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
