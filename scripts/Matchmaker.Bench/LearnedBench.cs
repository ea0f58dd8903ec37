using System.Diagnostics;
using Matchmaker.Core.Learning;

namespace Matchmaker.Bench;

/// <summary>
/// The learned ranker's costs (issue 12's targets): training on N outcome rows (25 candidates per problem, the
/// 15 features of a training row, grades from a hidden rule) and scoring a shortlist of 50 candidates. The cost
/// inside a whole recommendation is measured once the API serves the model.
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
            var grade = Math.Clamp((int)Math.Round(1.5 * f[0] + (f[5] > 0.6 && f[9] > 0.5 ? 2.5 : 0)), 0, 4);
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
            $"(target ≤ 0.3 ms added to a recommendation); {Environment.ProcessorCount} cores");
        return 0;
    }
}
