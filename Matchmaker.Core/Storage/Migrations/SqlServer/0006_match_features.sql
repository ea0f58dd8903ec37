-- The SQL Server twin of Sqlite/0006_match_features.sql: the ranker's feature vector of the pair when the match was
-- proposed (JSON), null for matches proposed before.

ALTER TABLE matches ADD features NVARCHAR(2000) NULL;
