using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Core.Learning;

/// <summary>A stored match for learning: the match, its tenant, the ranker's features of the pair as proposed (null before they were kept) and the expert's kind.</summary>
public sealed record LearningMatch(PastMatch Match, string Tenant, MatchFeatures? Features, ExpertKind Kind = ExpertKind.SocietyExpert);

/// <summary>
/// The rows the learned ranker trains on: one per finished match whose features were kept, grouped by problem, with
/// the ranker's features and affinity followed by the expert's history as of the proposal (<see cref="OutcomeHistory"/>).
/// </summary>
public static class TrainingSet
{
    // Before the names, which static initialization makes in the order of the fields.
    private static readonly ExpertKind[] Kinds = Enum.GetValues<ExpertKind>();

    /// <summary>The names of a row's features, in order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        [.. MatchFeatures.Names, "Affinity", .. Kinds.Select(k => $"Is{k}"), .. OutcomeHistory.Names];


    /// <summary>
    /// A row's features: the ranker's, the affinity they make with the default weights (trees split on it at once
    /// rather than rebuilding it from its parts), the expert's kind one-hot (the ranker's kind prior orders the kinds;
    /// outcomes may not), then the history's.
    /// </summary>
    public static float[] Row(MatchFeatures features, ExpertKind kind, double[] history) =>
    [
        .. features.ToArray().Select(v => (float)v), (float)RankingOptions.Default.Weights.Score(features),
        .. Kinds.Select(k => k == kind ? 1f : 0f), .. history.Select(v => (float)v),
    ];

    public static List<RankingRow> Rows(IReadOnlyList<LearningMatch> matches)
    {
        var byExpert = matches.GroupBy(m => m.Match.ExpertId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Match).ToList(), StringComparer.Ordinal);
        var rows = new List<RankingRow>();
        foreach (var (match, tenant, features, kind) in matches)
        {
            if (features is null || OutcomeHistory.Grade(match) is not { } grade) continue;
            var history = OutcomeHistory.Features(byExpert[match.ExpertId], match.Industry, match.ExpertCapacity, match.CreatedAt);
            rows.Add(new RankingRow($"{tenant}/{match.ProblemId}", grade, Row(features, kind, history)));
        }
        return rows;
    }
}
