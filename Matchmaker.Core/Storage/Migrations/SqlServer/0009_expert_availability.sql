-- The SQL Server twin of Sqlite/0009_expert_availability.sql: an expert's availability window, dates as yyyy-MM-dd
-- text (compared as text, read alike on both providers).

ALTER TABLE experts ADD available_from NVARCHAR(10) NULL, available_to NVARCHAR(10) NULL;
