using System.Diagnostics;
using System.Text.Json;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Storage;
using Matchmaker.Core.Text;

namespace Matchmaker.Bench;

/// <summary>What the command line asked for.</summary>
internal sealed record BenchSettings(int Experts, string Corpus, bool SkipLucene, int Rankings, bool Callgrind, string? Scores, int Dump);

/// <summary>One run of the benchmark: the corpus, then Matchmaker, then Lucene, then both in turns.</summary>
internal static class BenchRun
{
    public static int Run(BenchSettings settings)
    {
        // Other work on the machine slows every figure: the load averages are printed with the results.
        var loadAtStart = Measure.LoadAverage();
        var root = DemoData.FindRepositoryRoot();
        var demo = DemoData.Load(root);
        // Configured as the API and the evaluation script configure it: domain dictionary for jieba, zh–en glossary for queries.
        var analyzer = new TextAnalyzer(domainDictionary: Path.Combine(root, "data", "dictionary.txt"));
        var glossaryFile = Path.Combine(root, "data", "glossary.tsv");
        var glossary = File.Exists(glossaryFile) ? Glossary.Load(glossaryFile) : Glossary.Empty;

        var (_, heapBefore) = Measure.Memory();
        var watch = Stopwatch.StartNew();
        IReadOnlyList<Expert> experts;
        IReadOnlyList<ProblemQuery> queries;
        string origin;
        if (settings.Corpus == "zipf")
        {
            var zipf = new ZipfCorpus(analyzer, glossaryFile);
            (experts, queries) = (zipf.Generate(settings.Experts), zipf.Problems);
            origin = $"seed {ZipfCorpus.Seed}; {zipf.Concepts:N0} glossary concepts with {zipf.VocabularyTerms:N0} analyzer terms, {queries.Count} problems of its own";
        }
        else
        {
            (experts, queries) = (new CorpusGenerator(demo.Experts).Generate(settings.Experts), demo.Queries);
            origin = $"seed {CorpusGenerator.Seed}; queried with the {queries.Count} demo and evaluation problems";
        }
        var generation = watch.Elapsed.TotalSeconds;
        if (settings.Dump > 0)
        {
            // In the API's own JSON contract, so that the lines import as they are.
            foreach (var expert in experts.Take(settings.Dump)) Console.WriteLine(JsonSerializer.Serialize(expert, MatchmakerJson.Options));
            return 0;
        }
        var (_, heapAfter) = Measure.Memory();
        if (settings.Corpus == "demo") Console.WriteLine($"demo corpus:      {CorpusStats.Of(demo.Experts)}");
        Console.WriteLine($"{settings.Corpus} corpus: {CorpusStats.Of(experts)}");
        Console.WriteLine($"  {TermStats.Of(analyzer, experts, queries)}");
        Console.WriteLine($"generated in {generation:F1} s ({origin}); the corpus alone holds {heapAfter - heapBefore:F0} MB of GC heap");

        var analyzerSeconds = MatchmakerBench.AnalyzerSecondsPerThousand(analyzer, experts);
        Console.WriteLine($"analyzer alone: {analyzerSeconds:F2} s per 1,000 experts, single-threaded (≈ {analyzerSeconds * experts.Count / 1000:F0} s for the corpus); " +
            $"{MatchmakerBench.AnalyzerMillisecondsPerQuery(analyzer, queries):F2} ms per problem (median)");

        if (settings.Rankings > 0)
        {
            Profiling.Rankings(analyzer, glossary, experts, queries, settings.Rankings, settings.Callgrind, settings.Scores);
            return 0;
        }
        Compare(settings, analyzer, glossary, experts, queries);
        Console.WriteLine($"{Environment.ProcessorCount} cores; load average (1, 5, 15 min) at start {loadAtStart}, at end {Measure.LoadAverage()}");
        return 0;
    }

    private static void Compare(BenchSettings settings, TextAnalyzer analyzer, Glossary glossary, IReadOnlyList<Expert> experts, IReadOnlyList<ProblemQuery> queries)
    {
        // Every problem equally often: whole cycles over the problems, at least 1,000 queries.
        var queryCount = (1000 + queries.Count - 1) / queries.Count * queries.Count;

        // Matchmaker first, so that its memory is measured with nothing else in the process; Lucene's is what its build adds.
        Console.Error.WriteLine("Matchmaker");
        var (matchmaker, index) = MatchmakerBench.Run(analyzer, glossary, experts, queries, queryCount);
        Console.WriteLine($"Matchmaker vocabulary: {matchmaker.Terms:N0} analyzer terms (jieba words, character bigrams, English words)");
        Console.WriteLine($"Matchmaker's bounded searches against exhaustive ones, over the {queries.Count} problems: {matchmaker.Overlap:P1} of the top 10 " +
            $"in common, {matchmaker.IdenticalLists:P1} of the lists identical in order");
        Console.Error.WriteLine($"Lucene BM25 baseline: {(settings.SkipLucene ? "skipped" : $"{experts.Count:N0} experts, {queryCount:N0} queries over {queries.Count} problems")}");
        EngineFigures? lucene = null;
        if (!settings.SkipLucene)
        {
            var (figures, baseline) = LuceneBench.Run(experts, queries, queryCount);
            using (baseline)
            {
                // The ratio is taken from both engines answering the same problems in turns, 29 problems at a time: run one
                // after the other, a change of load on the machine between the two runs moved it by 30 %; one problem at a
                // time, each engine evicts the other's data from the CPU caches, which cost Lucene more than Matchmaker.
                Console.Error.WriteLine("Both engines in turns");
                var (mine, theirs) = Measure.Interleaved(queryCount, 29,
                    i => Ranker.Rank(index, queries[i % queries.Count], MatchmakerBench.Top),
                    i => baseline.Search(queries[i % queries.Count], MatchmakerBench.Top));
                matchmaker = matchmaker with { InTurnsMs = mine };
                lucene = figures with { InTurnsMs = theirs };
            }
        }

        Console.WriteLine();
        Report.Print(matchmaker, lucene, queryCount);
        using (var process = Process.GetCurrentProcess())
            Console.WriteLine($"peak working set of the whole run (both engines at once at the end): {process.PeakWorkingSet64 / 1048576.0:F0} MB");
        foreach (var miss in matchmaker.Misses) Console.WriteLine($"Matchmaker missed upsert {miss}");
    }
}
