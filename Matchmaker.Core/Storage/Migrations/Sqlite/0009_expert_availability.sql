-- An expert's availability window (dates in China time, yyyy-MM-dd, either end open): outside it the expert is not
-- ranked. The SQL Server twin is SqlServer/0009_expert_availability.sql.

ALTER TABLE experts ADD COLUMN available_from TEXT NULL;
ALTER TABLE experts ADD COLUMN available_to TEXT NULL;
