-- Learned ranking models: the ML.NET zip with what it was trained on and how it did on its holdout (the latest
-- problems), and where it stands (training, candidate, promoted, rejected, retired, failed). At most one is promoted:
-- the one every instance serves. The SQL Server twin is SqlServer/0007_models.sql.

CREATE TABLE models (
    version          INTEGER PRIMARY KEY AUTOINCREMENT,
    status           TEXT    NOT NULL,
    reason           TEXT    NULL,
    requested_by     TEXT    NULL,
    created_at       TEXT    NOT NULL,
    trained_at       TEXT    NULL,
    promoted_at      TEXT    NULL,
    retired_at       TEXT    NULL,
    outcomes         INTEGER NOT NULL DEFAULT 0,
    training_rows    INTEGER NOT NULL DEFAULT 0,
    training_groups  INTEGER NOT NULL DEFAULT 0,
    holdout_rows     INTEGER NOT NULL DEFAULT 0,
    holdout_groups   INTEGER NOT NULL DEFAULT 0,
    holdout_from     TEXT    NULL,
    base_ndcg        REAL    NULL,
    model_ndcg       REAL    NULL,
    serving_version  INTEGER NULL,
    serving_ndcg     REAL    NULL,
    training_seconds REAL    NULL,
    features         TEXT    NULL,
    model            BLOB    NULL
);

-- One training at a time and at most one promoted model, kept by the database itself (several instances may ask).
CREATE UNIQUE INDEX ux_models_training ON models (status) WHERE status = 'training';
CREATE UNIQUE INDEX ux_models_promoted ON models (status) WHERE status = 'promoted';
