namespace Matchmaker.Core.Evaluation;

/// <summary>Mean ranking metrics over a set's problems.</summary>
public sealed record Metrics(double Ndcg10, double Mrr, double Recall10, double Precision10, int Problems)
{
    public override string ToString() =>
        $"NDCG@10 {Ndcg10:F4}  MRR {Mrr:F4}  Recall@10 {Recall10:F4}  P@10 {Precision10:F4}  ({Problems} problems)";

    /// <summary>
    /// Scores ranked lists against graded judgements. NDCG@10 uses gain 2^grade − 1 and discount 1/log2(rank + 1);
    /// MRR and Recall@10 look for the best-graded expert(s) of each problem; P@10 counts experts of grade ≥ 1.
    /// A problem with no ranked list scores 0.
    /// </summary>
    public static Metrics Compute(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> judgements,
        IReadOnlyDictionary<string, IReadOnlyList<string>> rankings)
    {
        double ndcg = 0, mrr = 0, recall = 0, precision = 0;
        foreach (var (problemId, grades) in judgements)
        {
            var ranked = rankings.TryGetValue(problemId, out var list) ? list : [];
            var top = grades.Values.DefaultIfEmpty(0).Max();
            double dcg = 0;
            for (var i = 0; i < Math.Min(10, ranked.Count); i++)
                dcg += Gain(grades.GetValueOrDefault(ranked[i])) / Math.Log2(i + 2);
            var ideal = grades.Values.OrderDescending().Take(10).Select((g, i) => Gain(g) / Math.Log2(i + 2)).Sum();
            ndcg += ideal > 0 ? dcg / ideal : 0;
            var firstBest = ranked.Select((id, i) => (id, i)).FirstOrDefault(p => top > 0 && grades.GetValueOrDefault(p.id) == top);
            if (firstBest.id is not null) mrr += 1.0 / (firstBest.i + 1);
            var best = grades.Count(g => g.Value == top && top > 0);
            if (best > 0) recall += ranked.Take(10).Count(id => grades.GetValueOrDefault(id) == top) / (double)best;
            precision += ranked.Take(10).Count(id => grades.GetValueOrDefault(id) >= 1) / 10.0;
        }
        var n = Math.Max(1, judgements.Count);
        return new Metrics(ndcg / n, mrr / n, recall / n, precision / n, judgements.Count);
    }

    private static double Gain(int grade) => Math.Pow(2, grade) - 1;
}
