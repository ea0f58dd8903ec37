using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Matchmaker.Core.Jobs;
using Matchmaker.Core.Storage;
using Matchmaker.Tests.Api;
using Matchmaker.Tests.Storage;
using NUnit.Framework.Interfaces;
using static Matchmaker.Tests.Jobs.JobCalls;

namespace Matchmaker.Tests.Jobs;

/// <summary>
/// Jobs over API processes on one database, each started from the API's executable as in production: a process
/// killed mid-job (SIGKILL: no shutdown code runs, its lease is left to expire) or stopped (SIGTERM: it lets its job
/// go), and processes running side by side.
/// </summary>
public class JobResumeTests
{
    private const int Top = 10;

    // The exit code of a process that SIGKILL ended (128 + 9): on Unix Process.Kill sends SIGKILL, so no shutdown code runs.
    private const int SigKilled = 137;

    // Checkpoints of 20 problems, a lease of 2 s, a look for work every 0.2 s: a killed process's job is taken up
    // again about 2 s after its last renewal.
    private static readonly string[] Settings =
        ["--Matchmaker:SeedDemoData=true", "--Matchmaker:JobBatchSize=20", "--Matchmaker:JobLeaseSeconds=2", "--Matchmaker:JobPollSeconds=0.2"];

    private readonly List<ApiProcess> _processes = [];
    private TestDatabase _database = null!;

    [SetUp]
    public void CreateDatabase() => _database = new TestDatabase();

    [TearDown]
    public void StopProcesses()
    {
        var failed = TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed;
        foreach (var process in _processes)
        {
            if (failed) TestContext.Out.WriteLine($"--- output of the API process {process.Name} ---\n{process.Output}");
            process.Dispose();
        }
        _processes.Clear();
        _database.Dispose();
    }

    private async Task<ApiProcess[]> StartAsync(int count, params string[] settings)
    {
        var started = Enumerable.Range(0, count).Select(_ => new ApiProcess(_database, [.. Settings, .. settings])).ToArray();
        _processes.AddRange(started);
        await Task.WhenAll(started.Select(p => p.WaitUntilReadyAsync()));
        return started;
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "SIGKILL")]
    public async Task A_rank_all_job_killed_three_times_resumes_from_its_checkpoints_and_ranks_every_problem_once()
    {
        var whole = Stopwatch.StartNew();
        var api = (await StartAsync(1))[0];
        // About 1,200 open problems: some 5 s of ranking in checkpoints of 20.
        var imported = await (await api.Client.PostLinesAsync("/api/v1/problems/import", CopiesOfTheDemoProblems(1000))).JsonAsync();
        Assert.That(imported.GetProperty("failed").GetInt32(), Is.Zero, imported.ToString());
        var job = await SubmitAsync(api.Client, new { kind = "rank-all", top = Top });

        var doneAtKill = 0;
        var sinceKill = Stopwatch.StartNew();
        for (var kill = 1; kill <= 3; kill++)
        {
            // Killed once it has checkpointed beyond where the last process died.
            var (done, total) = await ProgressBeyondAsync(api.Client, job, doneAtKill);
            if (kill > 1) TestContext.Out.WriteLine($"  beyond it {sinceKill.ElapsedMilliseconds} ms after kill {kill - 1}");
            Assert.That(done, Is.LessThan(total), $"the job finished before kill {kill}: it needs more problems");
            Assert.That(api.Kill(), Is.EqualTo(SigKilled));
            sinceKill.Restart();
            var killedAt = whole.ElapsedMilliseconds;
            Assert.That(api.Output, Does.Contain($"Job {job} (RankAll) claimed, attempt {kill}"));
            Assert.That(api.Output, Does.Not.Contain("let go at shutdown"), "the process died without shutting down");
            doneAtKill = DoneInDatabase(job);
            api = (await StartAsync(1))[0];
            TestContext.Out.WriteLine($"kill {kill} at {doneAtKill} of {total} done ({killedAt} ms into the test); next process ready {sinceKill.ElapsedMilliseconds} ms later");
        }
        var finished = await FinishedAsync(api.Client, job);
        TestContext.Out.WriteLine($"  finished {sinceKill.ElapsedMilliseconds} ms after kill 3, {whole.ElapsedMilliseconds} ms into the test");

        Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("succeeded"), finished.ToString());
        Assert.That(finished.GetProperty("attempts").GetInt32(), Is.EqualTo(4), "one claim by each of the four processes");
        Assert.That(api.Output, Does.Contain($"Job {job} (RankAll) claimed, attempt 4"));
        var items = ItemsInDatabase(job);
        Assert.That(items.Count(p => p.StartsWith("P-GEN-", StringComparison.Ordinal)), Is.EqualTo(1000), "every open problem is in the job");
        await AssertRankedOnceAsync(api.Client, job, items, Top);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "SIGKILL")]
    public async Task A_job_whose_process_is_killed_is_taken_over_by_the_other_process_once_its_lease_expires()
    {
        var (owner, takenOver) = await EndTheOwnerAsync(p => p.Kill(), SigKilled);
        Assert.That(owner.Output, Does.Not.Contain("let go at shutdown"));
        // The lease (2 s) was renewed at most a third of it before the kill, and the other process looks every 0.2 s.
        Assert.That(takenOver, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "SIGTERM")]
    public async Task A_job_whose_process_is_stopped_is_let_go_and_taken_over_by_the_other_process_at_once()
    {
        var (owner, takenOver) = await EndTheOwnerAsync(p => p.Stop(), 0, "--Matchmaker:JobLeaseSeconds=30");
        Assert.That(owner.Output, Does.Contain("let go at shutdown"));
        Assert.That(takenOver, Is.LessThan(TimeSpan.FromSeconds(5)), "taken over long before its 30-s lease would have expired");
    }

    // Two processes; a job of some 500 problems, ended on the process that claimed it once it has a checkpoint, and
    // run to its end by the other. That one, and how long after the end it took the job over.
    private async Task<(ApiProcess Owner, TimeSpan TakenOver)> EndTheOwnerAsync(Func<ApiProcess, int> end, int exitCode, params string[] settings)
    {
        var both = await StartAsync(2, settings);
        (await both[0].Client.PostLinesAsync("/api/v1/problems/import", CopiesOfTheDemoProblems(300))).EnsureSuccessStatusCode();
        var job = await SubmitAsync(both[0].Client, new { kind = "rank-all", top = Top });
        var (done, total) = await ProgressBeyondAsync(both[0].Client, job, 0);
        var owner = both.Single(p => p.Output.Contains($"Job {job} (RankAll) claimed, attempt 1", StringComparison.Ordinal));
        var other = both.Single(p => p != owner);
        Assert.That(end(owner), Is.EqualTo(exitCode));

        var takenOver = await SeveralInstancesTests.WithinAsync(TimeSpan.FromSeconds(10),
            () => Task.FromResult(other.Output.Contains($"Job {job} (RankAll) claimed, attempt 2", StringComparison.Ordinal)));
        TestContext.Out.WriteLine($"ended at {DoneInDatabase(job)} of {total} done ({done} seen); taken over {takenOver.TotalMilliseconds:F0} ms later");
        var finished = await FinishedAsync(other.Client, job);
        Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("succeeded"), finished.ToString());
        Assert.That(finished.GetProperty("attempts").GetInt32(), Is.EqualTo(2));
        await AssertRankedOnceAsync(other.Client, job, ItemsInDatabase(job), Top);
        return (owner, takenOver);
    }

    [Test]
    public async Task Jobs_submitted_through_either_of_two_processes_on_one_database_run_once_each()
    {
        var both = await StartAsync(2);
        var jobs = new List<string>();
        for (var i = 0; i < 4; i++) jobs.Add(await SubmitAsync(both[i % 2].Client, new { kind = "rank-all", top = Top }));

        foreach (var job in jobs)
        {
            var finished = await FinishedAsync(both[0].Client, job);
            Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("succeeded"), finished.ToString());
            Assert.That(finished.GetProperty("attempts").GetInt32(), Is.EqualTo(1), finished.ToString());
            var claimedBy = both.Where(p => p.Output.Contains($"Job {job} (RankAll) claimed", StringComparison.Ordinal)).ToList();
            Assert.That(claimedBy, Has.Count.EqualTo(1), $"job {job} was claimed by one process");
            TestContext.Out.WriteLine($"job {job}: run by the process {claimedBy[0].Name}");
            await AssertRankedOnceAsync(both[1].Client, job, ItemsInDatabase(job), Top);
        }
    }

    [Test]
    public async Task A_job_that_two_processes_looking_every_50_ms_find_is_claimed_by_one()
    {
        // Looking every 50 ms, and the jobs written to the database directly: neither process is told of them, both find them.
        var both = await StartAsync(2, "--Matchmaker:JobPollSeconds=0.05");
        var store = new JobStore(_database.Open(), TimeProvider.System);
        var problems = DemoProblems().Where(p => p["status"]?.GetValue<string>() == "open").Select(p => p["id"]!.GetValue<string>()).Take(5).ToList();
        for (var round = 0; round < 5; round++)
        {
            var job = await store.CreateAsync(Tenants.Default, new JobRequest { Kind = "rank-all", Top = 3, Problems = new ProblemFilter { Ids = problems } }, "test");
            var finished = await FinishedAsync(both[0].Client, job.Id);
            Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("succeeded"), finished.ToString());
            Assert.That(finished.GetProperty("attempts").GetInt32(), Is.EqualTo(1), finished.ToString());
            Assert.That(both.Count(p => p.Output.Contains($"Job {job.Id} (RankAll) claimed", StringComparison.Ordinal)), Is.EqualTo(1));
            var items = ItemsInDatabase(job.Id);
            Assert.That(items, Is.EquivalentTo(problems));
            await AssertRankedOnceAsync(both[1].Client, job.Id, items, 3);
        }
    }

    // Every problem of the job, in the job's order, with its experts ranked 1..top, each expert once, and as many rows in the database.
    private async Task AssertRankedOnceAsync(HttpClient client, string job, IReadOnlyList<string> problems, int top)
    {
        var rows = (await client.GetStringAsync($"/api/v1/jobs/{job}/results?format=jsonl"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(r => (Problem: r.GetProperty("problemId").GetString()!, Expert: r.GetProperty("expertId").GetString()!, Rank: r.GetProperty("rank").GetInt32()))
            .ToList();
        var shown = await (await client.GetAsync($"/api/v1/jobs/{job}")).JsonAsync();
        using var connection = _database.Open().Open();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.Problem).Distinct(), Is.EqualTo(problems), "every problem of the job, in its order, none twice");
            Assert.That(rows.GroupBy(r => r.Problem).Where(g => !g.Select(r => r.Rank).SequenceEqual(Enumerable.Range(1, top))).Select(g => g.Key),
                Is.Empty, $"problems whose ranks are not 1..{top}, in order");
            Assert.That(rows.CountBy(r => (r.Problem, r.Expert)).Where(c => c.Value > 1).Select(c => c.Key), Is.Empty, "experts ranked twice for a problem");
            Assert.That(rows, Has.Count.EqualTo(problems.Count * top));
            Assert.That(shown.GetProperty("resultRows").GetInt32(), Is.EqualTo(rows.Count));
            Assert.That(shown.GetProperty("progress").GetProperty("done").GetInt32(), Is.EqualTo(problems.Count));
            Assert.That(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM job_rows WHERE job_id = @job AND stage = 'result'", new { job }), Is.EqualTo(rows.Count));
            Assert.That(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM job_items WHERE job_id = @job AND done = 0", new { job }), Is.Zero);
        });
    }

    private int DoneInDatabase(string job)
    {
        using var connection = _database.Open().Open();
        return connection.ExecuteScalar<int>("SELECT done FROM jobs WHERE id = @job", new { job });
    }

    // The job's work list, fixed when it first ran.
    private List<string> ItemsInDatabase(string job)
    {
        using var connection = _database.Open().Open();
        return connection.Query<string>("SELECT problem_id FROM job_items WHERE job_id = @job ORDER BY seq", new { job }).ToList();
    }
}
