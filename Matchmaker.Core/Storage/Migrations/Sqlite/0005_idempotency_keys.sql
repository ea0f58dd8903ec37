-- Answers of requests sent with an Idempotency-Key, per API key, so that a retried request gets the first answer
-- instead of writing again. A row commits in the same transaction as the request's own writes, so that either both
-- are kept or neither. The SQL Server twin is SqlServer/0005_idempotency_keys.sql.

CREATE TABLE idempotency_keys (
    api_key_id      TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    status          INTEGER NOT NULL,
    content_type    TEXT    NULL,
    location        TEXT    NULL,
    body            BLOB    NOT NULL,
    created_at      TEXT    NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
