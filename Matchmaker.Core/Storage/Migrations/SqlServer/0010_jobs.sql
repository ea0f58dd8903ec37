-- The SQL Server twin of Sqlite/0010_jobs.sql: batch jobs with their lease, work list, rows and exclusion audit.

CREATE TABLE jobs (
    id               NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    tenant_id        NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind             NVARCHAR(20)      NOT NULL,
    status           NVARCHAR(20)      NOT NULL,
    phase            NVARCHAR(20)      NOT NULL,
    settings         NVARCHAR(MAX)     NOT NULL,
    requested_by     NVARCHAR(100)     NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    started_at       DATETIMEOFFSET(7) NULL,
    finished_at      DATETIMEOFFSET(7) NULL,
    total            INT               NOT NULL DEFAULT 0,
    done             INT               NOT NULL DEFAULT 0,
    result_rows      INT               NOT NULL DEFAULT 0,
    skipped          INT               NOT NULL DEFAULT 0,
    messages         NVARCHAR(MAX)     NULL,
    error            NVARCHAR(2000)    NULL,
    summary          NVARCHAR(MAX)     NULL,
    lease_owner      NVARCHAR(200)     NULL,
    lease_expires_at DATETIMEOFFSET(7) NULL,
    attempts         INT               NOT NULL DEFAULT 0,
    cancel_requested BIT               NOT NULL DEFAULT 0,
    accepted_at      DATETIMEOFFSET(7) NULL,
    accepted_by      NVARCHAR(100)     NULL,
    accepted         NVARCHAR(MAX)     NULL
);

CREATE INDEX ix_jobs_tenant ON jobs (tenant_id, created_at);
CREATE INDEX ix_jobs_status ON jobs (status, created_at);

CREATE TABLE job_items (
    job_id     NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq        INT NOT NULL,
    problem_id NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    done       BIT NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, seq)
);

CREATE TABLE job_rows (
    job_id        NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    stage         NVARCHAR(20)  NOT NULL,
    seq           INT           NOT NULL,
    rank          INT           NOT NULL,
    problem_id    NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    expert_id     NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL,
    expert_name   NVARCHAR(200) NULL,
    score         FLOAT         NULL,
    matched_terms NVARCHAR(1000) NULL,
    reason        NVARCHAR(1000) NULL,
    PRIMARY KEY (job_id, stage, seq, rank)
);

CREATE TABLE job_exclusions (
    job_id     NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq        INT           NOT NULL,
    problem_id NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    expert_id  NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    reason     NVARCHAR(40)  NOT NULL,
    PRIMARY KEY (job_id, seq, expert_id)
);
