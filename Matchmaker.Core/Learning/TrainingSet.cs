using Matchmaker.Core.Ranking;

namespace Matchmaker.Core.Learning;

/// <summary>A stored match for learning: the match, its tenant, and the ranker's features of the pair as proposed (null before they were kept).</summary>
public sealed record LearningMatch(PastMatch Match, string Tenant, MatchFeatures? Features);

/// <summary>
/// The rows the learned ranker trains on: one per finished match whose features were kept, grouped by problem, with
/// the ranker's features followed by the expert's history as of the proposal (<see cref="OutcomeHistory"/>).
/// </summary>
public static class TrainingSet
{
    /// <summary>The names of a row's features, in order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = [.. MatchFeatures.Names, .. OutcomeHistory.Names];

    public static List<RankingRow> Rows(IReadOnlyList<LearningMatch> matches)
    {
        var byExpert = matches.GroupBy(m => m.Match.ExpertId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Match).ToList(), StringComparer.Ordinal);
        var rows = new List<RankingRow>();
        foreach (var (match, tenant, features) in matches)
        {
            if (features is null || OutcomeHistory.Grade(match) is not { } grade) continue;
            var history = OutcomeHistory.Features(byExpert[match.ExpertId], match.Industry, match.ExpertCapacity, match.CreatedAt);
            rows.Add(new RankingRow($"{tenant}/{match.ProblemId}", grade,
                features.ToArray().Concat(history).Select(v => (float)v).ToArray()));
        }
        return rows;
    }
}
