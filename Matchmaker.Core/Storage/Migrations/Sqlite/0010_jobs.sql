-- Batch jobs (rank-all, campaign) of a tenant: settings, status, progress and a lease, so that with several instances
-- on one database one runs each job and an instance that stopped is taken over when its lease expires. A job's work
-- list is fixed when it starts (job_items); each checkpoint marks items done together with their rows (job_rows), so
-- that a resumed job neither repeats nor skips any. The SQL Server twin is SqlServer/0010_jobs.sql.

CREATE TABLE jobs (
    id               TEXT    NOT NULL PRIMARY KEY,
    tenant_id        TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    phase            TEXT    NOT NULL,
    settings         TEXT    NOT NULL,
    requested_by     TEXT    NULL,
    created_at       TEXT    NOT NULL,
    started_at       TEXT    NULL,
    finished_at      TEXT    NULL,
    total            INTEGER NOT NULL DEFAULT 0,
    done             INTEGER NOT NULL DEFAULT 0,
    result_rows      INTEGER NOT NULL DEFAULT 0,
    skipped          INTEGER NOT NULL DEFAULT 0,
    messages         TEXT    NULL,
    error            TEXT    NULL,
    summary          TEXT    NULL,
    lease_owner      TEXT    NULL,
    lease_expires_at TEXT    NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    accepted_at      TEXT    NULL,
    accepted_by      TEXT    NULL,
    accepted         TEXT    NULL
);

CREATE INDEX ix_jobs_tenant ON jobs (tenant_id, created_at);
CREATE INDEX ix_jobs_status ON jobs (status, created_at);

-- The problems of a job, in the order it works through them.
CREATE TABLE job_items (
    job_id     TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    problem_id TEXT    NOT NULL,
    done       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, seq)
);

-- What a job found: stage 'result' rows are its answer (rank-all rankings, a campaign's plan, with rank 0 for a
-- problem left unassigned); stage 'candidate' rows are a campaign's candidates, kept for the solver to resume from.
CREATE TABLE job_rows (
    job_id        TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    stage         TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    rank          INTEGER NOT NULL,
    problem_id    TEXT    NOT NULL,
    expert_id     TEXT    NULL,
    expert_name   TEXT    NULL,
    score         REAL    NULL,
    matched_terms TEXT    NULL,
    reason        TEXT    NULL,
    PRIMARY KEY (job_id, stage, seq, rank)
);

-- A campaign's audit: every expert of its pool that a conflict of interest kept from a problem, with why.
CREATE TABLE job_exclusions (
    job_id     TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    problem_id TEXT    NOT NULL,
    expert_id  TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    PRIMARY KEY (job_id, seq, expert_id)
);
