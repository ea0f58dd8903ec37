-- The ranker's feature vector of the pair when the match was proposed (JSON, MatchFeatures), so that the learned
-- ranker trains on what the ranker saw then rather than on today's texts. Null for matches proposed before.
-- The SQL Server twin is SqlServer/0006_match_features.sql.

ALTER TABLE matches ADD COLUMN features TEXT NULL;
