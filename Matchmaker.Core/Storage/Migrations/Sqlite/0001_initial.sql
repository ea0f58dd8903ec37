-- Schema v1. Lists (fields, societies, keywords, languages) are JSON text; the SQL Server twin is SqlServer/0001_initial.sql.
-- Partner-owned records (enterprises, problems, matches) carry tenant_id from their first row.

CREATE TABLE societies (
    id    TEXT NOT NULL PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    level TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'municipal'))
);

CREATE TABLE experts (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    title        TEXT    NULL,
    organization TEXT    NULL,
    societies    TEXT    NOT NULL DEFAULT '[]',
    region       TEXT    NULL,
    fields       TEXT    NOT NULL DEFAULT '[]',
    profile      TEXT    NULL,
    languages    TEXT    NOT NULL DEFAULT '[]',
    capacity     INTEGER NOT NULL,
    available    INTEGER NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE expert_works (
    expert_id TEXT    NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    title     TEXT    NOT NULL,
    abstract  TEXT    NULL,
    keywords  TEXT    NOT NULL DEFAULT '[]',
    year      INTEGER NULL,
    PRIMARY KEY (expert_id, seq)
);

CREATE TABLE enterprises (
    tenant_id  TEXT NOT NULL,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    industry   TEXT NULL,
    region     TEXT NULL,
    size       TEXT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE problems (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    enterprise_id TEXT NULL,
    title         TEXT NULL,
    description   TEXT NULL,
    industry      TEXT NULL,
    region        TEXT NULL,
    keywords      TEXT NOT NULL DEFAULT '[]',
    urgency       TEXT NOT NULL,
    status        TEXT NOT NULL,
    posted_at     TEXT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, enterprise_id) REFERENCES enterprises (tenant_id, id)
);

CREATE INDEX ix_problems_enterprise ON problems (tenant_id, enterprise_id);

CREATE TABLE matches (
    id         TEXT NOT NULL PRIMARY KEY,
    tenant_id  TEXT NOT NULL,
    problem_id TEXT NOT NULL,
    expert_id  TEXT NOT NULL REFERENCES experts (id),
    status     TEXT NOT NULL,
    score      REAL NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, problem_id, expert_id),
    FOREIGN KEY (tenant_id, problem_id) REFERENCES problems (tenant_id, id)
);

CREATE INDEX ix_matches_expert ON matches (expert_id);

CREATE TABLE match_events (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    match_id          TEXT    NOT NULL REFERENCES matches (id),
    status            TEXT    NOT NULL,
    occurred_at       TEXT    NOT NULL,
    recorded_at       TEXT    NOT NULL,
    profit_added_yuan REAL    NULL,
    patents           INTEGER NULL,
    standards         INTEGER NULL,
    awards            INTEGER NULL,
    projects          INTEGER NULL,
    rating            INTEGER NULL,
    note              TEXT    NULL
);

CREATE INDEX ix_match_events_match ON match_events (match_id, occurred_at);
