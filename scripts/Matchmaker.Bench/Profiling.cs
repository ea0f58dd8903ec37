using System.Diagnostics;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

namespace Matchmaker.Bench;

/// <summary>
/// Builds Matchmaker's index and ranks, nothing else: what a profiler should see. With <c>--callgrind</c>, under
/// <c>valgrind --tool=callgrind --instr-atstart=no</c> (with DOTNET_EnableWriteXorExecute=0: the runtime crashes under
/// valgrind without it), instructions are counted for the timed rankings only, which
/// makes an A/B comparison of a change exact where wall-clock times on a shared machine move by ±20 %.
/// </summary>
internal static class Profiling
{
    public static void Rankings(TextAnalyzer analyzer, Glossary glossary, IReadOnlyList<Expert> experts, IReadOnlyList<ProblemQuery> queries,
        int count, bool callgrind, string? scores)
    {
        var watch = Stopwatch.StartNew();
        var index = ExpertIndex.Build(analyzer, experts, glossary);
        Console.WriteLine($"index of {index.Count:N0} experts built in {watch.Elapsed.TotalSeconds:F1} s, {index.Featurizer.VocabularySize:N0} terms");
        // Warmed up before the count starts: the JIT's own instructions are not the ranker's.
        for (var i = 0; i < Measure.WarmUpQueries; i++) Ranker.Rank(index, queries[i % queries.Count], MatchmakerBench.Top);
        if (callgrind) Instrumentation("on");
        var times = new double[count];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++) times[i] = Measure.Milliseconds(() => Ranker.Rank(index, queries[i % queries.Count], MatchmakerBench.Top));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        if (callgrind) Instrumentation("off");
        Console.WriteLine($"{count:N0} rankings (top {MatchmakerBench.Top}) after {Measure.WarmUpQueries} to warm up: median {Measure.Percentile(times, 0.5):F3} ms, " +
            $"p95 {Measure.Percentile(times, 0.95):F3} ms, mean {times.Average():F3} ms, {allocated / 1024.0 / count:F0} kB allocated per ranking; load average {Measure.LoadAverage()}");
        if (scores is not null) WriteScores(index, queries, scores);
    }

    // Every problem's recommendations with their scores as answered (4 decimals), one line each: two versions of the ranker compared
    // with diff (a change meant to be faster only must leave this file as it was).
    private static void WriteScores(ExpertIndex index, IReadOnlyList<ProblemQuery> queries, string file)
    {
        using var writer = new StreamWriter(file);
        for (var q = 0; q < queries.Count; q++)
            foreach (var item in Ranker.Rank(index, queries[q], MatchmakerBench.Top))
                writer.WriteLine(FormattableString.Invariant($"{q}\t{item.Rank}\t{item.ExpertId}\t{item.Score:R}\t{string.Join(' ', item.Reasons!.MatchedTerms)}"));
        Console.WriteLine($"scores of the {queries.Count} problems written to {file}");
    }

    // callgrind_control reaches the valgrind process this one runs under (the same pid).
    private static void Instrumentation(string state)
    {
        using var control = Process.Start(new ProcessStartInfo("callgrind_control", $"-i {state} {Environment.ProcessId}") { RedirectStandardOutput = true })!;
        control.StandardOutput.ReadToEnd();
        control.WaitForExit();
    }
}
