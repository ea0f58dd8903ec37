using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

namespace Matchmaker.Core.Evaluation;

/// <summary>Builds an index over a set's experts, ranks every problem with <see cref="Ranker"/> and scores the result.</summary>
public static class Evaluator
{
    public static Metrics Run(EvalSet set, TextAnalyzer analyzer, Glossary? glossary = null, int depth = 100) =>
        Run(set, ExpertIndex.Build(analyzer, set.Experts, glossary), depth);

    /// <summary>Runs on an index already built over the set's experts (to score several subsets of one set).</summary>
    public static Metrics Run(EvalSet set, ExpertIndex index, int depth = 100, RankingOptions? options = null)
    {
        var rankings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var problem in set.Problems)
            rankings[problem.Id] = Ranker.Rank(index, ProblemQuery.From(problem), depth, options: options).Select(i => i.ExpertId).ToList();
        return Metrics.Compute(set.Judgements, rankings);
    }
}
