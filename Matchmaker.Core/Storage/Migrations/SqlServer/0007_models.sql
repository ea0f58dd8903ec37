-- The SQL Server twin of Sqlite/0007_models.sql: learned ranking models, their holdout figures and their status; at
-- most one is promoted.

CREATE TABLE models (
    version          BIGINT IDENTITY(1, 1) PRIMARY KEY,
    status           NVARCHAR(20)      NOT NULL,
    reason           NVARCHAR(1000)    NULL,
    requested_by     NVARCHAR(100)     NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    trained_at       DATETIMEOFFSET(7) NULL,
    promoted_at      DATETIMEOFFSET(7) NULL,
    retired_at       DATETIMEOFFSET(7) NULL,
    outcomes         INT               NOT NULL DEFAULT 0,
    training_rows    INT               NOT NULL DEFAULT 0,
    training_groups  INT               NOT NULL DEFAULT 0,
    holdout_rows     INT               NOT NULL DEFAULT 0,
    holdout_groups   INT               NOT NULL DEFAULT 0,
    holdout_from     DATETIMEOFFSET(7) NULL,
    base_ndcg        FLOAT             NULL,
    model_ndcg       FLOAT             NULL,
    serving_version  BIGINT            NULL,
    serving_ndcg     FLOAT             NULL,
    training_seconds FLOAT             NULL,
    features         NVARCHAR(2000)    NULL,
    model            VARBINARY(MAX)    NULL
);

-- One training at a time and at most one promoted model, kept by the database itself (several instances may ask).
CREATE UNIQUE INDEX ux_models_training ON models (status) WHERE status = 'training';
CREATE UNIQUE INDEX ux_models_promoted ON models (status) WHERE status = 'promoted';
