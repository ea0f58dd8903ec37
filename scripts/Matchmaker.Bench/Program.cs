// Usage: dotnet run -c Release --project scripts/Matchmaker.Bench [-- --experts 100000 --corpus demo|zipf]
// (--skip-lucene measures Matchmaker alone, for quick runs while tuning; --rankings N only builds and ranks, for profilers;
// --dump N prints N synthetic experts and stops; --learned N times the learned ranker's training on N rows and its scoring;
// --campaign times the campaign assignment of 1,000 problems; --rank-all [--problems N] runs a rank-all job of N problems
// against --experts in a SQLite file, end to end; --kpi N times the KPI report over N matches; --export-db FILE [--matches N]
// fills a SQLite file with N matches and their events for scripts/export-matches.sh)
using System.CommandLine;
using Matchmaker.Bench;
using Matchmaker.Core.Jobs;

var experts = new Option<int>("--experts") { Description = "Synthetic experts to generate and index", DefaultValueFactory = _ => 100_000 };
experts.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() <= 0) result.AddError("--experts must be positive");
});
var corpus = new Option<string>("--corpus")
{
    Description = "demo: recombined from the demo experts, queried with the demo problems; zipf: a small Zipf vocabulary with long problems of its own",
    DefaultValueFactory = _ => "demo",
};
corpus.AcceptOnlyFromAmong("demo", "zipf");
var skipLucene = new Option<bool>("--skip-lucene") { Description = "Measure Matchmaker alone" };
var rankings = new Option<int>("--rankings") { Description = "Only build Matchmaker's index and time this many rankings (for profilers)" };
var callgrind = new Option<bool>("--callgrind") { Description = "With --rankings under valgrind: count instructions of the rankings only" };
var scores = new Option<string>("--scores") { Description = "With --rankings: write every problem's top 10 with exact scores to this file (to diff two versions)" };
var dump = new Option<int>("--dump") { Description = "Print this many synthetic experts as JSON lines and stop" };
var learned = new Option<int>("--learned") { Description = "Only time the learned ranker: training on this many outcome rows, and scoring a shortlist" };
var campaign = new Option<bool>("--campaign") { Description = "Only time the campaign assignment of 1,000 problems among 5,000 experts" };
var rankAll = new Option<bool>("--rank-all") { Description = "Only time a rank-all job (top 10) of --problems problems against --experts experts in a SQLite file" };
var jobBatch = new Option<int>("--job-batch")
{
    Description = "With --rank-all: problems per checkpoint (Matchmaker:JobBatchSize)", DefaultValueFactory = _ => JobOptions.Default.BatchSize,
};
jobBatch.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() <= 0) result.AddError("--job-batch must be positive");
});
var kpi = new Option<int>("--kpi") { Description = "Only time the KPI report over this many matches (with their events) in a SQLite file" };
var problems = new Option<int>("--problems") { Description = "With --rank-all: synthetic problems to rank", DefaultValueFactory = _ => 10_000 };
problems.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() <= 0) result.AddError("--problems must be positive");
});
var exportDb = new Option<string>("--export-db") { Description = "Only fill this SQLite file with --matches matches and their events (for scripts/export-matches.sh)" };
var matches = new Option<int>("--matches") { Description = "With --export-db: matches to write", DefaultValueFactory = _ => 100_000 };
matches.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() <= 0) result.AddError("--matches must be positive");
});

var command = new RootCommand("Matchmaker against a Lucene BM25 baseline on a synthetic corpus: build, rankings, upserts, memory")
{
    experts, corpus, skipLucene, rankings, callgrind, scores, dump, learned, campaign, rankAll, problems, jobBatch, kpi, exportDb, matches,
};
command.SetAction(async (parsed, _) =>
{
    if (parsed.GetValue(kpi) > 0) return await KpiBench.RunAsync(parsed.GetValue(kpi));
    if (parsed.GetValue(exportDb) is { } file) return await ExportData.FillAsync(file, parsed.GetValue(matches));
    if (parsed.GetValue(rankAll)) return await RankAllBench.RunAsync(parsed.GetValue(experts), parsed.GetValue(problems), parsed.GetValue(jobBatch));
    if (parsed.GetValue(campaign)) return CampaignBench.Run();
    if (parsed.GetValue(learned) > 0) return LearnedBench.Run(parsed.GetValue(learned));
    return BenchRun.Run(new BenchSettings(parsed.GetValue(experts), parsed.GetValue(corpus)!, parsed.GetValue(skipLucene), parsed.GetValue(rankings),
        parsed.GetValue(callgrind), parsed.GetValue(scores), parsed.GetValue(dump)));
});
return await command.Parse(args).InvokeAsync();
