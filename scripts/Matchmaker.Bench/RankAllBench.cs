using System.Diagnostics;
using Dapper;
using Matchmaker.Core.Campaigns;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Jobs;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Storage;
using Matchmaker.Core.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matchmaker.Bench;

/// <summary>
/// A rank-all job end to end (issue 13's target: 10,000 problems against 100,000 experts, top 10 each, within 120 s on
/// 2 cores): a SQLite file filled through the stores, the ranking index built from it as the API builds it, then the
/// job created, claimed and run by <see cref="JobRunner"/>, checkpoints included. The setup is timed apart from the job.
/// </summary>
internal static class RankAllBench
{
    private const int Top = 10;
    private const double TargetSeconds = 120;
    private const int ExpertsPerUpsert = 1000;

    // Every problem has exactly Top rows and no expert twice; the primary key (job, stage, seq, rank) already rules out
    // two rows at one rank.
    private const string CheckSql = """
        SELECT COUNT(*) AS Rows, COUNT(DISTINCT seq) AS Problems, COUNT(DISTINCT seq || '/' || expert_id) AS Pairs,
            (SELECT COUNT(*) FROM (SELECT seq FROM job_rows WHERE job_id = @id AND stage = 'result' GROUP BY seq HAVING COUNT(*) <> @top)) AS Uneven,
            (SELECT COUNT(*) FROM job_items WHERE job_id = @id AND done = 1) AS Done
        FROM job_rows WHERE job_id = @id AND stage = 'result'
        """;

    private sealed record Check(long Rows, long Problems, long Pairs, long Uneven, long Done);

    public static async Task<int> RunAsync(int expertCount, int problemCount, int batchSize)
    {
        var loadAtStart = Measure.LoadAverage();
        var root = DemoData.FindRepositoryRoot();
        var file = Path.Combine(Path.GetTempPath(), $"matchmaker-rank-all-{Environment.ProcessId}.db");
        try
        {
            return await RunAsync(root, file, expertCount, problemCount, batchSize, loadAtStart);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
        }
    }

    private static async Task<int> RunAsync(string root, string file, int expertCount, int problemCount, int batchSize, string loadAtStart)
    {
        var clock = TimeProvider.System;
        var database = new Database($"Data Source={file}");
        await database.MigrateAsync();
        var (experts, problems, conflicts) = (new ExpertStore(database), new ProblemStore(database), new ConflictStore(database, clock));

        var watch = Stopwatch.StartNew();
        var demo = DemoData.Load(root);
        var enterprises = ProblemGenerator.DemoEnterprises(root);
        var corpus = new CorpusGenerator(demo.Experts).Generate(expertCount);
        var generated = new ProblemGenerator(ProblemGenerator.DemoProblems(root), enterprises).Generate(problemCount);
        Console.WriteLine($"generated {expertCount:N0} experts (seed {CorpusGenerator.Seed}) and {problemCount:N0} problems " +
            $"(seed {ProblemGenerator.Seed}, {generated.Select(p => p.Title).Distinct().Count():N0} distinct titles, " +
            $"{generated.Select(p => p.Title + p.Description).Distinct().Count():N0} distinct titles with descriptions) in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        await new EnterpriseStore(database).UpsertAsync(Tenants.Default, enterprises);
        foreach (var chunk in corpus.Chunk(ExpertsPerUpsert)) await experts.UpsertAsync(chunk);
        var expertSeconds = watch.Elapsed.TotalSeconds;
        foreach (var chunk in generated.Chunk(ExpertsPerUpsert)) await problems.UpsertAsync(Tenants.Default, chunk);
        Console.WriteLine($"import into SQLite ({file}): {expertCount:N0} experts in {expertSeconds:F1} s (upserts of {ExpertsPerUpsert:N0}), " +
            $"{problemCount:N0} problems in {watch.Elapsed.TotalSeconds - expertSeconds:F1} s, {new FileInfo(file).Length / 1048576.0:F0} MB");
        corpus = null;
        generated = null;

        // As the API builds it: the analyzer with the domain dictionary, the glossary, the index read from the store.
        watch.Restart();
        var analyzer = new TextAnalyzer(domainDictionary: Path.Combine(root, "data", "dictionary.txt"));
        var glossaryFile = Path.Combine(root, "data", "glossary.tsv");
        using var rankingIndex = new RankingIndex(experts, analyzer, File.Exists(glossaryFile) ? Glossary.Load(glossaryFile) : Glossary.Empty,
            NullLogger<RankingIndex>.Instance);
        var index = await rankingIndex.CurrentAsync();
        Console.WriteLine($"ranking index built from the store in {watch.Elapsed.TotalSeconds:F1} s: {index.Count:N0} experts, " +
            $"{index.Featurizer.VocabularySize:N0} terms");

        var (workingSet, heap) = Measure.Memory();
        var peakOfSetup = PeakWorkingSetMb();
        var peakReset = ResetPeakWorkingSet();
        var serving = new ServingModel(new ModelStore(database, clock), new MatchStore(database, clock), clock, NullLogger<ServingModel>.Instance);
        var ranker = new Ranker(rankingIndex, new RecommendationCache(50_000), serving, clock);
        var jobs = new JobStore(database, clock);
        var options = JobOptions.Default with { BatchSize = batchSize };
        var runner = new JobRunner(jobs, problems, experts, conflicts, new ExpertLoadStore(database, clock), ranker, options, clock,
            NullLogger<JobRunner>.Instance);

        var created = await jobs.CreateAsync(Tenants.Default, new JobRequest { Kind = "rank-all", Top = Top }, "bench");
        var claimed = await jobs.ClaimAsync($"bench/{Environment.ProcessId}", options.Lease, created.Id)
            ?? throw new InvalidOperationException($"job {created.Id} could not be claimed");
        Console.Error.WriteLine($"job {created.Id}: ranking {problemCount:N0} problems, {options.BatchSize} a checkpoint, {Environment.ProcessorCount} cores");
        watch.Restart();
        var reported = 0;
        JobStatus? status = null;
        var job = await Cost.OfAsync(async () => status = await runner.RunAsync(claimed, progress =>
        {
            if (progress.Progress.Done - reported < progress.Progress.Total / 10 && progress.Progress.Done < progress.Progress.Total) return;
            reported = progress.Progress.Done;
            Console.Error.WriteLine($"  {progress.Progress.Done:N0} of {progress.Progress.Total:N0} after {watch.Elapsed.TotalSeconds:F1} s");
        }));
        var seconds = job.Wall;
        var peakOfJob = PeakWorkingSetMb();

        var finished = await jobs.FindAsync(Tenants.Default, created.Id);
        var check = await database.ReadAsync(connection => connection.QuerySingleAsync<Check>(CheckSql, new { id = created.Id, top = Top }));
        var expected = (long)problemCount * Top;
        var valid = check.Rows == expected && check.Pairs == check.Rows && check.Uneven == 0 && check.Problems == problemCount && check.Done == problemCount;

        Console.WriteLine($"before the job: working set {workingSet:F0} MB, GC heap {heap:F0} MB; peak working set of the setup {peakOfSetup:F0} MB");
        Console.WriteLine($"rank-all job, {problemCount:N0} problems × {index.Count:N0} experts, top {Top}: {status?.ToString() ?? "let go"} in {job} " +
            $"(target ≤ {TargetSeconds:F0} s: {(seconds <= TargetSeconds && status == JobStatus.Succeeded ? "met" : "NOT met")}), " +
            $"{problemCount / seconds:F0} problems/s, {finished?.ResultRows:N0} rows written, {finished?.Skipped} skipped{(finished?.Error is { } error ? $", error: {error}" : "")}");
        Console.WriteLine(peakReset
            ? $"peak working set during the job: {peakOfJob:F0} MB (the process's peak was reset after the setup)"
            : $"peak working set of the process, setup included: {peakOfJob:F0} MB");
        Console.WriteLine($"check of job_rows: {check.Rows:N0} rows (expected {problemCount:N0} × {Top} = {expected:N0}), {check.Problems:N0} problems, " +
            $"{check.Pairs:N0} distinct (problem, expert) pairs, {check.Uneven} problems without exactly {Top} rows, {check.Done:N0} items done: {(valid ? "OK" : "FAILED")}");
        await Breakdown(experts, problems, conflicts, index, serving.Current, job);
        Console.WriteLine($"{Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; " +
            $"load average (1, 5, 15 min) at start {loadAtStart}, at end {Measure.LoadAverage()}");
        return valid && status == JobStatus.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// Where the job's time goes: the parts of <see cref="JobRunner"/>'s work timed alone on the same data, after the
    /// job, when the JIT has optimized the ranker; the rest of the job's CPU time went to reading each batch's problems,
    /// to the checkpoints and to the job's first rankings, run before that, and its wall time also counts the cores
    /// left idle while a batch is read and checkpointed.
    /// </summary>
    private static async Task Breakdown(ExpertStore experts, ProblemStore problems, ConflictStore conflicts, ExpertIndex index,
        ServingModel.Snapshot learned, Cost job)
    {
        var pool = await Cost.OfAsync(experts.AllWithoutWorksAsync);
        var all = await problems.AllAsync(Tenants.Default);
        var excluded = new Exclusions[all.Count];
        var exclusions = await Cost.OfAsync(async () =>
        {
            for (var i = 0; i < all.Count; i++) excluded[i] = await conflicts.ExclusionsAsync(Tenants.Default, all[i].EnterpriseId, all[i].Id);
        });
        var now = DateTimeOffset.UtcNow;
        var ranking = await Cost.OfAsync(() => Task.Run(() => Parallel.For(0, all.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => Ranker.Rank(index, ProblemQuery.From(all[i]), Top, explain: Explanation.Terms, learned: learned, asOf: now, excluded: excluded[i]))));
        Console.WriteLine($"the job's parts timed alone: reading the experts (without works) {pool}; the exclusions, one query per problem, " +
            $"{exclusions} ({exclusions.Wall * 1000 / all.Count:F2} ms each); ranking on {Environment.ProcessorCount} cores {ranking}; " +
            $"the rest of the job (problem reads, checkpoints, first rankings before the JIT optimized them; in wall time also cores idle meanwhile) {job - pool - exclusions - ranking}");
    }

    /// <summary>Wall and CPU seconds of a part: on a shared machine the wall time follows the other work's load, the CPU time much less.</summary>
    private readonly record struct Cost(double Wall, double Cpu)
    {
        public static async Task<Cost> OfAsync(Func<Task> work)
        {
            var (start, cpu) = (Stopwatch.GetTimestamp(), CpuSeconds());
            await work();
            return new Cost(Stopwatch.GetElapsedTime(start).TotalSeconds, CpuSeconds() - cpu);
        }

        public static Cost operator -(Cost a, Cost b) => new(a.Wall - b.Wall, a.Cpu - b.Cpu);

        public override string ToString() => FormattableString.Invariant($"{Wall:F1} s ({Cpu:F1} s CPU)");

        private static double CpuSeconds()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime.TotalSeconds;
        }
    }

    private static double PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    // Linux resets a process's peak resident set size (VmHWM, which PeakWorkingSet64 reads) when "5" is written to its clear_refs.
    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
