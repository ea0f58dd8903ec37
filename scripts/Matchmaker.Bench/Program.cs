// Usage: dotnet run -c Release --project scripts/Matchmaker.Bench [-- --experts 100000]  (--dump N prints N synthetic experts
// and stops; --skip-lucene measures Matchmaker alone, for quick runs while tuning)
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Matchmaker.Bench;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

var count = 100_000;
var dump = 0;
var skipLucene = args.Contains("--skip-lucene");
for (var i = 0; i + 1 < args.Length; i++)
{
    if (args[i] == "--experts") count = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    if (args[i] == "--dump") dump = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
}

// Other work on the machine slows every figure: the load averages are printed with the results.
var loadAtStart = LoadAverage();
var root = DemoData.FindRepositoryRoot();
var demo = DemoData.Load(root);
var watch = Stopwatch.StartNew();
var experts = new CorpusGenerator(demo.Experts).Generate(count);
var generation = watch.Elapsed.TotalSeconds;
if (dump > 0)
{
    var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    foreach (var expert in experts.Take(dump)) Console.WriteLine(JsonSerializer.Serialize(expert, json));
    return;
}
var (_, corpusHeap) = Measure.Memory();
Console.WriteLine($"demo corpus:      {CorpusStats.Of(demo.Experts)}");
Console.WriteLine($"synthetic corpus: {CorpusStats.Of(experts)}");
Console.WriteLine($"generated in {generation:F1} s (seed {CorpusGenerator.Seed}); the corpus alone holds {corpusHeap:F0} MB of GC heap");

// Configured as the API and the evaluation script configure it: domain dictionary for jieba, zh–en glossary for queries.
var analyzer = new TextAnalyzer(domainDictionary: Path.Combine(root, "data", "dictionary.txt"));
var glossaryFile = Path.Combine(root, "data", "glossary.tsv");
var glossary = File.Exists(glossaryFile) ? Glossary.Load(glossaryFile) : Glossary.Empty;
var analyzerSeconds = MatchmakerBench.AnalyzerSecondsPerThousand(analyzer, experts);
Console.WriteLine($"analyzer alone: {analyzerSeconds:F2} s per 1,000 experts, single-threaded (≈ {analyzerSeconds * count / 1000:F0} s for the corpus); " +
    $"{MatchmakerBench.AnalyzerMillisecondsPerQuery(analyzer, demo.Queries):F2} ms per problem (median)");

// Every problem equally often: whole cycles over the problems, at least 1,000 queries.
var queryCount = (1000 + demo.Queries.Count - 1) / demo.Queries.Count * demo.Queries.Count;

// Matchmaker first, so that its memory is measured with nothing else in the process; Lucene's is what its build adds.
Console.Error.WriteLine("Matchmaker");
var (matchmaker, index) = MatchmakerBench.Run(analyzer, glossary, experts, demo.Queries, queryCount);
Console.WriteLine($"Matchmaker vocabulary: {matchmaker.Terms:N0} analyzer terms (jieba words, character bigrams, English words)");
Console.WriteLine($"Matchmaker's bounded searches against exhaustive ones, over the {demo.Queries.Count} problems: {matchmaker.Overlap:P1} of the top 10 " +
    $"in common, {matchmaker.IdenticalLists:P1} of the lists identical in order");
Console.Error.WriteLine($"Lucene BM25 baseline: {(skipLucene ? "skipped" : $"{count:N0} experts, {queryCount:N0} queries over {demo.Queries.Count} problems")}");
EngineFigures? lucene = null;
if (!skipLucene)
{
    var (figures, baseline) = LuceneBench.Run(experts, demo.Queries, queryCount);
    using (baseline)
    {
        // The ratio is taken from both engines answering the same problems in turns, 29 problems at a time: run one
        // after the other, a change of load on the machine between the two runs moved it by 30 %; one problem at a
        // time, each engine evicts the other's data from the CPU caches, which cost Lucene more than Matchmaker.
        Console.Error.WriteLine("Both engines in turns");
        var (mine, theirs) = Measure.Interleaved(queryCount, 29,
            i => Ranker.Rank(index, demo.Queries[i % demo.Queries.Count], MatchmakerBench.Top),
            i => baseline.Search(demo.Queries[i % demo.Queries.Count], MatchmakerBench.Top));
        lucene = figures;
        matchmaker = matchmaker with { InTurnsMs = mine };
        lucene = lucene with { InTurnsMs = theirs };
    }
}

Console.WriteLine();
Report.Print(matchmaker, lucene, queryCount);
using (var process = System.Diagnostics.Process.GetCurrentProcess())
    Console.WriteLine($"peak working set of the whole run (both engines at once at the end): {process.PeakWorkingSet64 / 1048576.0:F0} MB");
Console.WriteLine($"{Environment.ProcessorCount} cores; load average (1, 5, 15 min) at start {loadAtStart}, at end {LoadAverage()}");
foreach (var miss in matchmaker.Misses) Console.WriteLine($"Matchmaker missed upsert {miss}");

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
