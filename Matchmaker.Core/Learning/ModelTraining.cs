using System.Diagnostics;
using Matchmaker.Core.Evaluation;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Ranking;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Core.Learning;

/// <summary>
/// Trains a learned model from every recorded outcome and decides its status. The latest problems (by their first
/// proposal) are held out; the model is trained on the earlier ones, and NDCG@10 on the holdout is computed for the
/// base ranker's order (the affinity the matches were proposed with), for the model and for the model serving now.
/// The model is promoted (or, when asked not to, left a candidate) only when it beats the serving one; below
/// <see cref="MinOutcomes"/> graded outcomes nothing is trained and the serving ranker stays.
/// </summary>
public sealed class ModelTraining(MatchStore matches, ModelStore models, ILogger<ModelTraining> logger)
{
    /// <summary>Finished matches (with the features kept at their proposal) needed before a model is trained.</summary>
    public const int MinOutcomes = 200;

    /// <summary>The share of the problems, the latest, held out to judge a model.</summary>
    public const double HoldoutShare = 0.2;

    /// <summary>Holdout problems that can tell orders apart (two outcomes of different grades or more) needed to judge a model.</summary>
    public const int MinHoldoutGroups = 5;

    /// <summary>Trains the model recorded as <paramref name="version"/> (status <c>training</c>) and stores the result; a failure is recorded, not thrown.</summary>
    public async Task<ModelStatus> RunAsync(long version, bool promote)
    {
        try
        {
            var serving = await models.ServingAsync();
            var servingRanker = serving is { } v && await models.BytesAsync(v) is { } bytes
                ? LearnedRanker.Load(bytes, TrainingSet.FeatureNames.Count)
                : null;
            var trained = Train(await matches.ForLearningAsync(), serving, servingRanker, promote);
            var status = await models.FinishAsync(version, trained);
            logger.LogInformation("Model {Version}: {Status} ({Reason})", version, status, trained.Reason);
            return status;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Training model {Version} failed", version);
            await models.FailAsync(version, e.Message);
            return ModelStatus.Failed;
        }
    }

    /// <summary>The training itself, on given matches (the simulation and the tests come through here as the API does).</summary>
    public static TrainedModel Train(IReadOnlyList<LearningMatch> learning, long? servingVersion, LearnedRanker? serving, bool promote, int seed = 0)
    {
        var clock = Stopwatch.StartNew();
        var rows = TrainingSet.Rows(learning);
        var features = TrainingSet.FeatureNames;
        if (rows.Count < MinOutcomes)
            return Refused($"{rows.Count} finished {(rows.Count == 1 ? "match" : "matches")} to learn from; at least {MinOutcomes} are needed, so {ModelStore.Name(servingVersion)} keeps serving");

        // Groups in the order their problems were first proposed: the latest are held out, as the future would be.
        var firstProposed = learning.GroupBy(m => $"{m.Tenant}/{m.Match.ProblemId}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(m => m.Match.CreatedAt), StringComparer.Ordinal);
        var groups = rows.Select(r => r.Group).Distinct(StringComparer.Ordinal)
            .OrderBy(g => firstProposed[g]).ThenBy(g => g, StringComparer.Ordinal).ToList();
        var held = Math.Max(1, (int)Math.Round(groups.Count * HoldoutShare));
        var holdoutGroups = groups.Skip(groups.Count - held).ToHashSet(StringComparer.Ordinal);
        var holdoutFrom = firstProposed[groups[^held]];
        var training = rows.Where(r => !holdoutGroups.Contains(r.Group)).ToList();
        var holdout = rows.Where(r => holdoutGroups.Contains(r.Group)).GroupBy(r => r.Group, StringComparer.Ordinal)
            .Where(g => g.Select(r => r.Label).Distinct().Count() > 1).Select(g => g.ToList()).ToList();
        var trainingGroups = groups.Count - held;
        if (holdout.Count < MinHoldoutGroups || training.Select(r => r.Label).Distinct().Count() < 2)
            return Refused($"the latest {held} problems have {holdout.Count} with outcomes of different grades; at least {MinHoldoutGroups} are needed to judge a model, so {ModelStore.Name(servingVersion)} keeps serving");

        var model = LearnedRanker.Train(training, seed);
        var weights = RankingOptions.Default.Weights;
        var baseNdcg = Ndcg(holdout, rows => rows.Select(r => weights.Score(MatchFeatures.From(r.Features))).ToArray());
        var modelNdcg = Ndcg(holdout, rows => Doubles(model.Score(rows.Select(r => r.Features).ToList())));
        var servingNdcg = serving is not null && serving.FeatureCount == features.Count
            ? Ndcg(holdout, rows => Doubles(serving.Score(rows.Select(r => r.Features).ToList())))
            : baseNdcg;
        var beats = modelNdcg > servingNdcg;
        var status = !beats ? ModelStatus.Rejected : promote ? ModelStatus.Promoted : ModelStatus.Candidate;
        var reason = beats
            ? $"NDCG@10 {modelNdcg:F4} on the holdout against {servingNdcg:F4} of {ModelStore.Name(servingVersion)}"
            : $"NDCG@10 {modelNdcg:F4} on the holdout, not above {servingNdcg:F4} of {ModelStore.Name(servingVersion)}";
        return new TrainedModel(status, reason, rows.Count, training.Count, trainingGroups, holdout.Sum(g => g.Count), holdout.Count,
            holdoutFrom, baseNdcg, modelNdcg, servingVersion, servingNdcg, clock.Elapsed.TotalSeconds, features, model.Save());

        TrainedModel Refused(string why) => new(ModelStatus.Rejected, why, rows.Count, 0, 0, 0, 0, null, null, null, servingVersion, null,
            clock.Elapsed.TotalSeconds, features, null);
    }

    /// <summary>Mean NDCG@10 over the groups, each ordered by <paramref name="score"/> (ties in the stored order), against the rows' grades.</summary>
    public static double Ndcg(IReadOnlyList<List<RankingRow>> groups, Func<List<RankingRow>, double[]> score)
    {
        var judgements = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        var rankings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var rows in groups)
        {
            var scores = score(rows);
            var group = rows[0].Group;
            judgements[group] = rows.Select((r, i) => (Id: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Grade: (int)r.Label))
                .ToDictionary(p => p.Id, p => p.Grade, StringComparer.Ordinal);
            rankings[group] = Enumerable.Range(0, rows.Count).OrderByDescending(i => scores[i]).ThenBy(i => i)
                .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        return Metrics.Compute(judgements, rankings).Ndcg10;
    }

    private static double[] Doubles(float[] scores) => Array.ConvertAll(scores, s => (double)s);

}
