using Microsoft.ML;
using Microsoft.ML.Data;

namespace Matchmaker.Core.Learning;

/// <summary>One candidate expert of one problem: its features and, for training, the grade its outcome earned.</summary>
/// <param name="Group">The problem: rows of one problem are ranked against each other.</param>
/// <param name="Label">The grade (for example solved 4, visited 3, accepted 2, contacted 1, declined 0).</param>
/// <param name="Features">The candidate's features, the same number and order in every row.</param>
public sealed record RankingRow(string Group, float Label, float[] Features);

/// <summary>
/// A LightGBM LambdaRank model over candidates' feature vectors (ML.NET), trained from graded outcomes, one group per
/// problem. Training is the one place the pipeline is built; scoring never trains. Scores order candidates within a
/// problem and mean nothing across problems.
/// </summary>
public sealed class LearnedRanker
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;

    private readonly ThreadLocal<PredictionEngine<Row, Scored>> _engines;

    private LearnedRanker(MLContext ml, ITransformer model, DataViewSchema schema, int features)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
        FeatureCount = features;
        // A prediction engine is not thread-safe, and building a data view per ranking costs milliseconds: one
        // engine per thread scores a shortlist in microseconds.
        _engines = new(() => ml.Model.CreatePredictionEngine<Row, Scored>(model, inputSchemaDefinition: Definition(features)));
    }

    public int FeatureCount { get; }

    // The training view: a float label (not a key: keys are numbered by first occurrence, which silently reorders
    // grades), the group as a key, and a fixed-size feature vector.
    private sealed class Row
    {
        public float Label { get; set; }
        public string Group { get; set; } = "";
        public float[] Features { get; set; } = [];
    }

    private sealed class Scored
    {
        public float Score { get; set; }
    }

    /// <summary>
    /// Trains on <paramref name="rows"/>, sorted here so that each group's rows are contiguous (LightGBM's ranking
    /// needs it). Deterministic for a given seed.
    /// </summary>
    public static LearnedRanker Train(IReadOnlyList<RankingRow> rows, int seed = 0)
    {
        if (rows.Count == 0) throw new ArgumentException("No rows to learn from.", nameof(rows));
        var features = rows[0].Features.Length;
        if (rows.Any(r => r.Features.Length != features)) throw new ArgumentException("Every row needs the same number of features.", nameof(rows));
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(
            rows.OrderBy(r => r.Group, StringComparer.Ordinal).Select(r => new Row { Label = r.Label, Group = r.Group, Features = r.Features }),
            Definition(features));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Row.Group))
            .Append(ml.Ranking.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmRankingTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                RowGroupColumnName = nameof(Row.Group),
                // Small trees: outcomes are few (hundreds to thousands) and noisy. On the simulation's held-out
                // problems (scripts/Matchmaker.Simulate, seed 7; learned ÷ base NDCG@10 for its two hidden
                // preferences), 15 leaves of at least 10 rows and 200 rounds gave 1.07 × and 1.15 ×, 7 of 20 and 100
                // rounds 1.17 × and 1.26 ×, and these 1.27 × and 1.25 ×.
                NumberOfLeaves = 4,
                MinimumExampleCountPerLeaf = 40,
                NumberOfIterations = 100,
                LearningRate = 0.05,
                Seed = seed,
                NumberOfThreads = 1, // deterministic; the data is small
            }));
        var model = pipeline.Fit(data);
        return new LearnedRanker(ml, model, data.Schema, features);
    }

    /// <summary>The model's score of each feature vector, in order (higher is better within a problem).</summary>
    public float[] Score(IReadOnlyList<float[]> candidates)
    {
        var engine = _engines.Value!;
        var scores = new float[candidates.Count];
        var row = new Row();
        for (var i = 0; i < scores.Length; i++)
        {
            row.Features = candidates[i];
            scores[i] = engine.Predict(row).Score;
        }
        return scores;
    }

    /// <summary>The model as ML.NET's zip, to keep in the database.</summary>
    public byte[] Save()
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(_model, _schema, stream);
        return stream.ToArray();
    }

    public static LearnedRanker Load(byte[] zip, int features)
    {
        var ml = new MLContext(0);
        using var stream = new MemoryStream(zip);
        var model = ml.Model.Load(stream, out var schema);
        return new LearnedRanker(ml, model, schema, features);
    }

    private static SchemaDefinition Definition(int features)
    {
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return definition;
    }
}
