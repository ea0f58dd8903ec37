using System.Diagnostics;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

namespace Matchmaker.Bench;

/// <summary>Matchmaker's own index and ranker, called the way the API calls them.</summary>
internal static class MatchmakerBench
{
    public const int Top = 10;
    public const int Upserts = 50;

    /// <summary>Builds, queries and upserts; returns the figures and the index as the upserts left it.</summary>
    public static (EngineFigures Figures, ExpertIndex Index) Run(TextAnalyzer analyzer, Glossary glossary, IReadOnlyList<Expert> experts,
        IReadOnlyList<ProblemQuery> queries, int queryCount)
    {
        var watch = Stopwatch.StartNew();
        var index = ExpertIndex.Build(analyzer, experts, glossary);
        var build = watch.Elapsed.TotalSeconds;
        var (workingSet, heap) = Measure.Memory();
        double peak;
        using (var process = Process.GetCurrentProcess()) peak = process.PeakWorkingSet64 / 1048576.0; // so far: the corpus and this build
        Console.Error.WriteLine($"  Matchmaker index built in {build:F1} s; querying");

        var latencies = Measure.Latencies(queryCount, i => Ranker.Rank(index, queries[i % queries.Count], Top));
        Console.Error.WriteLine("  Matchmaker queries done; comparing with exhaustive searches");
        var (overlap, identical) = Agreement(index, queries);
        Console.Error.WriteLine("  upserting");

        var upsert = new double[Upserts];
        var visible = new double[Upserts];
        var seen = 0;
        var misses = new List<string>();
        _ = index.With([Changed(experts[0], queries[0])], []); // warm-up (JIT), snapshot discarded
        for (var u = 0; u < Upserts; u++)
        {
            var (changed, problem) = Change(experts, queries, u);
            var start = Stopwatch.GetTimestamp();
            var next = index.With([changed], []);
            upsert[u] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var top = Ranker.Rank(next, problem, Top);
            visible[u] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (top.Any(item => item.ExpertId == changed.Id)) seen++;
            else misses.Add(Miss(index, next, changed, problem, top));
            index = next;
        }
        return (new EngineFigures("Matchmaker")
        {
            BuildSeconds = build,
            WorkingSetMb = workingSet,
            PeakMb = peak,
            HeapMb = heap,
            QueryMs = latencies,
            UpsertMs = upsert,
            UpsertVisibleMs = visible,
            UpsertsSeen = seen,
            Misses = misses,
            Terms = index.Featurizer.VocabularySize,
            Overlap = overlap,
            IdenticalLists = identical,
        }, index);
    }

    /// <summary>
    /// How far the ranker's bounded searches (<see cref="SearchLimits.Default"/>) change the answer: the share of the
    /// top 10 it has in common with the same ranking done with exhaustive searches, and the share of problems whose
    /// top 10 is the same list in the same order.
    /// </summary>
    private static (double Overlap, double Identical) Agreement(ExpertIndex index, IReadOnlyList<ProblemQuery> queries)
    {
        var exhaustive = RankingOptions.Default with { Limits = SearchLimits.Exhaustive };
        int common = 0, identical = 0, total = 0;
        foreach (var query in queries)
        {
            var bounded = Ranker.Rank(index, query, Top).Select(i => i.ExpertId).ToList();
            var exact = Ranker.Rank(index, query, Top, options: exhaustive).Select(i => i.ExpertId).ToList();
            common += bounded.Intersect(exact).Count();
            total += exact.Count;
            if (bounded.SequenceEqual(exact)) identical++;
        }
        return (total == 0 ? 1 : common / (double)total, identical / (double)queries.Count);
    }

    /// <summary>
    /// The <paramref name="u"/>-th upsert: an expert spread over the corpus changes specialty to one of the problems:
    /// its fields are the problem's keywords, its profile the problem's description, and its one work a project whose
    /// title, abstract and keywords are the problem's. That problem is the query that must now return the expert.
    /// </summary>
    public static (Expert Changed, ProblemQuery Problem) Change(IReadOnlyList<Expert> experts, IReadOnlyList<ProblemQuery> queries, int u)
    {
        var expert = experts[(int)((long)u * experts.Count / Upserts + 7) % experts.Count];
        var problem = queries[u * 7 % queries.Count];
        return (Changed(expert, problem), problem);
    }

    private static Expert Changed(Expert expert, ProblemQuery problem) => expert with
    {
        Available = true,
        Fields = problem.Keywords,
        Profile = problem.Description,
        Works = [new Work { Kind = WorkKind.Project, Title = problem.Title ?? "", Abstract = problem.Description, Keywords = problem.Keywords, Year = 2026 }],
    };

    // An upsert the query did not return: did the snapshot take the change (the expert's own score before and after),
    // and did the expert fall below the 10th or was it dropped by the ranker's cheap first pass?
    private static string Miss(ExpertIndex before, ExpertIndex after, Expert changed, ProblemQuery problem, List<RecommendationItem> top)
    {
        double? Score(ExpertIndex index) => Ranker.Rank(index, problem, 1, [changed.Id]) is [var item] ? item.Score : null;
        var (old, now) = (Score(before), Score(after));
        var tenth = top.Count > 0 ? top[^1].Score : 0;
        var why = now is null ? "not in the new snapshot"
            : now < tenth ? $"own score {Show(old)} → {now:F3} < 10th {tenth:F3}: outranked"
            : $"own score {Show(old)} → {now:F3} ≥ 10th {tenth:F3}: dropped before full scoring";
        return $"{changed.Id} for \"{problem.Title}\": {why}";

        static string Show(double? score) => score is null ? "none (was unavailable)" : $"{score:F3}";
    }

    /// <summary>Seconds the analyzer alone takes per 1,000 experts, to tell tokenising from the rest of a build.</summary>
    public static double AnalyzerSecondsPerThousand(TextAnalyzer analyzer, IReadOnlyList<Expert> experts)
    {
        var sample = experts.Take(1000).Select(ExpertText.Of).ToList();
        foreach (var text in sample.Take(50)) analyzer.Tokenize(text);
        return Measure.Milliseconds(() => { foreach (var text in sample) analyzer.Tokenize(text); }) / sample.Count;
    }

    /// <summary>Median milliseconds the analyzer takes on one problem's text: the part of a query that is not scoring.</summary>
    public static double AnalyzerMillisecondsPerQuery(TextAnalyzer analyzer, IReadOnlyList<ProblemQuery> queries) =>
        Measure.Percentile(Measure.Latencies(queries.Count, i => analyzer.Tokenize(ExpertText.Of(queries[i % queries.Count]))), 0.5);
}
