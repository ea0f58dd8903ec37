using System.Diagnostics;
using Matchmaker.Baselines;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Bench;

/// <summary>The Lucene BM25 baseline on the same corpus, queries, top and upserts as Matchmaker.</summary>
internal static class LuceneBench
{
    public static EngineFigures Run(IReadOnlyList<Expert> experts, IReadOnlyList<ProblemQuery> queries, int queryCount)
    {
        var watch = Stopwatch.StartNew();
        using var baseline = new Bm25Baseline(experts);
        var build = watch.Elapsed.TotalSeconds;
        var (workingSet, heap) = Measure.Memory();
        Console.Error.WriteLine($"  Lucene index built in {build:F1} s; querying");

        var latencies = Measure.Latencies(queryCount, i => baseline.Search(queries[i % queries.Count], MatchmakerBench.Top));
        Console.Error.WriteLine("  Lucene queries done; upserting");

        var upsert = new double[MatchmakerBench.Upserts];
        var visible = new double[MatchmakerBench.Upserts];
        var seen = 0;
        for (var u = 0; u < MatchmakerBench.Upserts; u++)
        {
            var (changed, problem) = MatchmakerBench.Change(experts, queries, u);
            var start = Stopwatch.GetTimestamp();
            baseline.Upsert(changed);
            upsert[u] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var top = baseline.Search(problem, MatchmakerBench.Top);
            visible[u] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (top.Any(hit => hit.ExpertId == changed.Id)) seen++;
        }
        return new EngineFigures("Lucene BM25")
        {
            BuildSeconds = build,
            WorkingSetMb = workingSet,
            HeapMb = heap,
            QueryMs = latencies,
            UpsertMs = upsert,
            UpsertVisibleMs = visible,
            UpsertsSeen = seen,
        };
    }
}
