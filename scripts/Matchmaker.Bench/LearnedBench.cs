using System.Diagnostics;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

namespace Matchmaker.Bench;

/// <summary>
/// The learned ranker's costs (issue 12's targets): training on N outcome rows (25 candidates per problem, every
/// feature of a training row, grades from a hidden rule), scoring a shortlist of 50 candidates, and what serving the
/// model adds to a whole recommendation on 10,000 experts with four past matches each (the rankings with and
/// without the model in turns, on the demo problems).
/// </summary>
internal static class LearnedBench
{
    public static int Run(int rows)
    {
        var random = new Random(20261203);
        var features = TrainingSet.FeatureNames.Count;
        var data = new List<RankingRow>(rows);
        for (var i = 0; i < rows; i++)
        {
            var f = Enumerable.Range(0, features).Select(_ => (float)random.NextDouble()).ToArray();
            var grade = Math.Clamp((int)Math.Round(1.5 * f[0] + (f[5] > 0.6 && f[11] > 0.5 ? 2.5 : 0)), 0, 4);
            data.Add(new RankingRow($"p{i / 25}", grade, f));
        }
        var watch = Stopwatch.StartNew();
        var model = LearnedRanker.Train(data);
        var trained = watch.Elapsed;

        var shortlist = data.Take(50).Select(r => r.Features).ToList();
        for (var i = 0; i < 500; i++) model.Score(shortlist); // warm-up: the JIT
        var timings = new double[2000];
        for (var i = 0; i < timings.Length; i++)
        {
            var one = Stopwatch.GetTimestamp();
            model.Score(shortlist);
            timings[i] = Stopwatch.GetElapsedTime(one).TotalMilliseconds;
        }
        Array.Sort(timings);
        Console.WriteLine($"learned ranker: trained on {rows:N0} rows ({rows / 25:N0} problems, {features} features) in {trained.TotalSeconds:F1} s " +
            $"(target ≤ 60 s); scoring a shortlist of 50: median {timings[timings.Length / 2]:F3} ms, p95 {timings[(int)(timings.Length * 0.95)]:F3} ms " +
            $"(the model alone); {Environment.ProcessorCount} cores");
        InsideARecommendation(model);
        return 0;
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static void InsideARecommendation(LearnedRanker model)
    {
        const int experts = 10_000;
        var (demo, corpus, index) = DemoData.Indexed(experts);

        // Four finished matches per expert over the past year, as the history features read them.
        var start = DateTimeOffset.UtcNow.AddYears(-1);
        var random = new Random(5);
        MatchStatus[] solved = [MatchStatus.Contacted, MatchStatus.Accepted, MatchStatus.Visited, MatchStatus.Solved];
        var history = corpus.ToDictionary(e => e.Id, e => Enumerable.Range(0, 4).Select(k =>
        {
            var proposed = start.AddDays(random.Next(330));
            var steps = random.Next(3) == 0 ? [MatchStatus.Contacted, MatchStatus.Declined] : solved;
            return new PastMatch($"{e.Id}-{k}", $"P-{k}", e.Id, "智能制造", e.Capacity, proposed,
                steps.Select((s, i) => new MatchEvent(i, s, proposed.AddDays(i + 1), proposed.AddDays(i + 1), null, null, null, null, null, null, null, null)).ToList());
        }).ToList(), StringComparer.Ordinal);
        var learned = new ServingModel.Snapshot(1, model, history, 1);

        var queries = demo.Queries;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 200; i++)
        {
            Ranker.Rank(index, queries[i % queries.Count], 10);
            Ranker.Rank(index, queries[i % queries.Count], 10, learned: learned, asOf: now);
        }
        var rounds = 6 * queries.Count;
        var without = new double[rounds];
        var with = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            // Each first now and then: the second ranking of a problem finds its data in the caches.
            var query = queries[i % queries.Count];
            if (i % 2 == 0) without[i] = Time(() => Ranker.Rank(index, query, 10));
            with[i] = Time(() => Ranker.Rank(index, query, 10, learned: learned, asOf: now));
            if (i % 2 == 1) without[i] = Time(() => Ranker.Rank(index, query, 10));
        }
        var added = with.Zip(without, (a, b) => a - b).Order().ToArray();
        Array.Sort(without);
        Array.Sort(with);
        Console.WriteLine($"a recommendation (top 10) on {experts:N0} experts, {rounds} in turns: base median {without[rounds / 2]:F3} ms (p95 {without[(int)(rounds * 0.95)]:F3}), " +
            $"with the learned model median {with[rounds / 2]:F3} ms (p95 {with[(int)(rounds * 0.95)]:F3}); added per recommendation: median " +
            $"{added[rounds / 2]:F3} ms, mean {added.Average():F3} ms, difference of the medians {with[rounds / 2] - without[rounds / 2]:F3} ms (target ≤ 0.3 ms)");
    }
}
