using Matchmaker.Core.Evaluation;

namespace Matchmaker.Tests.Evaluation;

public class MetricsTests
{
    [Test]
    public void Computes_ndcg_mrr_recall_and_precision_as_the_eval_readme_defines_them()
    {
        var judgements = new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["P1"] = new Dictionary<string, int> { ["A"] = 2, ["B"] = 1 },
            ["P2"] = new Dictionary<string, int> { ["C"] = 2 }, // not in the run: scores 0
        };
        var rankings = new Dictionary<string, IReadOnlyList<string>> { ["P1"] = ["B", "C", "A"] };

        var metrics = Metrics.Compute(judgements, rankings);

        // P1: DCG = 1/log2(2) + 3/log2(4) = 2.5; ideal = 3/log2(2) + 1/log2(3).
        var ndcgP1 = 2.5 / (3 + 1 / Math.Log2(3));
        Assert.That(metrics.Ndcg10, Is.EqualTo(ndcgP1 / 2).Within(1e-9));
        Assert.That(metrics.Mrr, Is.EqualTo(1.0 / 3 / 2).Within(1e-9));
        Assert.That(metrics.Recall10, Is.EqualTo(0.5).Within(1e-9));
        Assert.That(metrics.Precision10, Is.EqualTo(0.1).Within(1e-9));
        Assert.That(metrics.Problems, Is.EqualTo(2));
    }
}
