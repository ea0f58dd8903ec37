-- Schema v1, the SQL Server twin of Sqlite/0001_initial.sql. Ids are at most 100 characters (validated) and compared
-- byte for byte (a binary collation, as SQLite compares them: the server's default collation would make "E-1" and
-- "e-1" one expert, and order pages differently); lists (fields, societies, keywords, languages) are JSON text,
-- times are DATETIMEOFFSET. Partner-owned records (enterprises, problems, matches) carry tenant_id from their first row.

CREATE TABLE societies (
    id    NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    name  NVARCHAR(200) NOT NULL UNIQUE,
    level NVARCHAR(20)  NOT NULL CHECK (level IN ('national', 'provincial', 'municipal'))
);

CREATE TABLE experts (
    id           NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    name         NVARCHAR(200)     NOT NULL,
    kind         NVARCHAR(40)      NOT NULL,
    title        NVARCHAR(200)     NULL,
    organization NVARCHAR(300)     NULL,
    societies    NVARCHAR(MAX)     NOT NULL DEFAULT N'[]',
    region       NVARCHAR(200)     NULL,
    fields       NVARCHAR(MAX)     NOT NULL DEFAULT N'[]',
    profile      NVARCHAR(MAX)     NULL,
    languages    NVARCHAR(MAX)     NOT NULL DEFAULT N'[]',
    capacity     INT               NOT NULL,
    available    BIT               NOT NULL,
    updated_at   DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE expert_works (
    expert_id NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    seq       INT            NOT NULL,
    kind      NVARCHAR(40)   NOT NULL,
    title     NVARCHAR(1000) NOT NULL,
    abstract  NVARCHAR(MAX)  NULL,
    keywords  NVARCHAR(MAX)  NOT NULL DEFAULT N'[]',
    year      INT            NULL,
    PRIMARY KEY (expert_id, seq)
);

CREATE TABLE enterprises (
    tenant_id  NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    id         NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name       NVARCHAR(300)     NOT NULL,
    industry   NVARCHAR(100)     NULL,
    region     NVARCHAR(200)     NULL,
    size       NVARCHAR(40)      NULL,
    updated_at DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE problems (
    tenant_id     NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    id            NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    enterprise_id NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL,
    title         NVARCHAR(500)     NULL,
    description   NVARCHAR(MAX)     NULL,
    industry      NVARCHAR(100)     NULL,
    region        NVARCHAR(200)     NULL,
    keywords      NVARCHAR(MAX)     NOT NULL DEFAULT N'[]',
    urgency       NVARCHAR(40)      NOT NULL,
    status        NVARCHAR(40)      NOT NULL,
    posted_at     DATETIMEOFFSET(7) NULL,
    updated_at    DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, enterprise_id) REFERENCES enterprises (tenant_id, id)
);

CREATE INDEX ix_problems_enterprise ON problems (tenant_id, enterprise_id);

CREATE TABLE matches (
    id         NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    tenant_id  NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    problem_id NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    expert_id  NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES experts (id),
    status     NVARCHAR(40)      NOT NULL,
    score      FLOAT             NULL,
    created_at DATETIMEOFFSET(7) NOT NULL,
    updated_at DATETIMEOFFSET(7) NOT NULL,
    UNIQUE (tenant_id, problem_id, expert_id),
    FOREIGN KEY (tenant_id, problem_id) REFERENCES problems (tenant_id, id)
);

CREATE INDEX ix_matches_expert ON matches (expert_id);

CREATE TABLE match_events (
    id                BIGINT IDENTITY (1, 1) NOT NULL PRIMARY KEY,
    match_id          NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES matches (id),
    status            NVARCHAR(40)      NOT NULL,
    occurred_at       DATETIMEOFFSET(7) NOT NULL,
    recorded_at       DATETIMEOFFSET(7) NOT NULL,
    profit_added_yuan DECIMAL(19, 2)    NULL,
    patents           INT               NULL,
    standards         INT               NULL,
    awards            INT               NULL,
    projects          INT               NULL,
    rating            INT               NULL,
    note              NVARCHAR(4000)    NULL
);

CREATE INDEX ix_match_events_match ON match_events (match_id, occurred_at);
