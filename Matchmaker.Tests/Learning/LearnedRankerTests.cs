using Matchmaker.Core.Evaluation;
using Matchmaker.Core.Learning;

namespace Matchmaker.Tests.Learning;

/// <summary>
/// The learned ranker on outcomes drawn from a rule the base order does not know: it must find the rule from noisy
/// grades and order unseen problems better than the base order does.
/// </summary>
public class LearnedRankerTests
{
    private const int Features = 9;

    // Candidates of one problem: the base order follows feature 0 (the text affinity); the hidden preference is for
    // candidates with features 5 and 7 both high (say: the enterprise's own province, and patents held).
    private static (List<RankingRow> Rows, Dictionary<string, int> TrueGrades) Problem(Random random, string group)
    {
        var rows = new List<RankingRow>();
        var grades = new Dictionary<string, int>();
        for (var c = 0; c < 30; c++)
        {
            var features = Enumerable.Range(0, Features).Select(_ => (float)random.NextDouble()).ToArray();
            var preferred = features[5] > 0.6 && features[7] > 0.5;
            var grade = (int)Math.Round(1.5 * features[0] + (preferred ? 2.5 : 0));
            // Outcomes are noisy: a grade is observed one step off now and then.
            var observed = Math.Clamp(grade + (random.NextDouble() < 0.2 ? random.Next(-1, 2) : 0), 0, 4);
            rows.Add(new RankingRow(group, observed, features));
            grades[$"{group}/{c}"] = grade;
        }
        return (rows, grades);
    }

    [Test]
    public void Learns_a_hidden_preference_from_noisy_outcomes_and_ranks_unseen_problems_better_than_the_base_order()
    {
        var random = new Random(7);
        var training = Enumerable.Range(0, 300).SelectMany(p => Problem(random, $"train-{p}").Rows).ToList();
        var heldOut = Enumerable.Range(0, 100).Select(p => (Group: $"test-{p}", Problem: Problem(random, $"test-{p}"))).ToList();

        var model = LearnedRanker.Train(training);

        var judgements = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        var baseOrder = new Dictionary<string, IReadOnlyList<string>>();
        var learnedOrder = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (group, (rows, grades)) in heldOut)
        {
            judgements[group] = grades;
            var ids = rows.Select((_, c) => $"{group}/{c}").ToList();
            baseOrder[group] = ids.Select((id, c) => (id, score: rows[c].Features[0])).OrderByDescending(p => p.score).Select(p => p.id).ToList();
            var scores = model.Score(rows.Select(r => r.Features).ToList());
            learnedOrder[group] = ids.Select((id, c) => (id, score: scores[c])).OrderByDescending(p => p.score).Select(p => p.id).ToList();
        }
        var baseline = Metrics.Compute(judgements, baseOrder).Ndcg10;
        var learned = Metrics.Compute(judgements, learnedOrder).Ndcg10;
        TestContext.Out.WriteLine($"NDCG@10 on 100 unseen problems: base {baseline:F3}, learned {learned:F3} ({learned / baseline:F2} x)");

        Assert.That(learned, Is.GreaterThan(1.15 * baseline));
    }

    [Test]
    public void A_saved_model_scores_as_the_trained_one()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 60).SelectMany(p => Problem(random, $"g-{p}").Rows).ToList();
        var model = LearnedRanker.Train(rows);
        var sample = rows.Take(30).Select(r => r.Features).ToList();

        var loaded = LearnedRanker.Load(model.Save(), Features);

        Assert.That(loaded.Score(sample), Is.EqualTo(model.Score(sample)));
        Assert.That(model.Score(sample).Distinct().Count(), Is.GreaterThan(10), "the scores tell candidates apart");
    }
}
