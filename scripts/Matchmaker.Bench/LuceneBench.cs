using System.Diagnostics;
using Matchmaker.Baselines;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Bench;

/// <summary>The Lucene BM25 baseline on the same corpus, queries, top and upserts as Matchmaker.</summary>
internal static class LuceneBench
{
    /// <summary>
    /// Builds, queries and upserts; returns the figures and the open baseline (the caller disposes it). Memory is what
    /// the build added to the process, which already holds Matchmaker's index.
    /// </summary>
    public static (EngineFigures Figures, Bm25Baseline Baseline) Run(IReadOnlyList<Expert> experts, IReadOnlyList<ProblemQuery> queries, int queryCount)
    {
        var (workingSetBefore, heapBefore) = Measure.Memory();
        var watch = Stopwatch.StartNew();
        var baseline = new Bm25Baseline(experts);
        var build = watch.Elapsed.TotalSeconds;
        var (workingSetAfter, heapAfter) = Measure.Memory();
        var (workingSet, heap) = (workingSetAfter - workingSetBefore, heapAfter - heapBefore);
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
        return (new EngineFigures("Lucene BM25")
        {
            BuildSeconds = build,
            WorkingSetMb = workingSet,
            HeapMb = heap,
            QueryMs = latencies,
            UpsertMs = upsert,
            UpsertVisibleMs = visible,
            UpsertsSeen = seen,
        }, baseline);
    }
}
