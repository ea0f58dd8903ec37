using System.Diagnostics;
using Matchmaker.Api.Jobs;
using Matchmaker.Core.Jobs;
using Matchmaker.Core.Storage;
using Matchmaker.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using static Matchmaker.Tests.Jobs.JobCalls;

namespace Matchmaker.Tests.Jobs;

/// <summary>
/// Cancelling a job that runs: it stops at its next checkpoint, however long its lease, and keeps the problems it finished.
/// The lease here is the default 30 s, renewed every 10 s: longer than the jobs, so renewals are not what stops them.
/// </summary>
public class JobCancelTests
{
    [Test]
    public async Task A_running_job_asked_to_cancel_stops_at_its_next_checkpoint_with_the_problems_it_finished()
    {
        using var api = new MatchmakerFactory(seedDemoData: true, new Dictionary<string, string> { ["Matchmaker:JobBatchSize"] = "20" });
        var client = await api.StartAsync();
        // Enough problems that the job is still running when the cancel comes on a fast machine (2,000 were not, once, in CI).
        (await client.PostLinesAsync("/api/v1/problems/import", CopiesOfTheDemoProblems(6000))).EnsureSuccessStatusCode();
        var job = await SubmitAsync(client, new { kind = "rank-all", top = 10 });
        await ProgressBeyondAsync(client, job, 0);

        var asked = await (await client.DeleteAsync($"/api/v1/jobs/{job}")).JsonAsync();
        Assert.That(asked.TryGetProperty("cancelRequested", out var requested) && requested.GetBoolean(), Is.True, asked.ToString());
        var clock = Stopwatch.StartNew();
        var finished = await FinishedAsync(client, job);
        TestContext.Out.WriteLine($"ended {clock.ElapsedMilliseconds} ms after the cancel was asked for");

        Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("cancelled"), finished.ToString());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        var done = finished.GetProperty("progress").GetProperty("done").GetInt32();
        Assert.That(done, Is.LessThan(finished.GetProperty("progress").GetProperty("total").GetInt32()));
        var rows = (await client.GetStringAsync($"/api/v1/jobs/{job}/results")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows, Has.Length.EqualTo(done * 10), "the top 10 of each problem it finished");
    }

    [Test]
    public async Task A_job_asked_to_cancel_while_no_instance_ran_it_is_cancelled_when_taken_up_not_run()
    {
        using var api = new MatchmakerFactory(seedDemoData: true, new Dictionary<string, string> { ["Matchmaker:JobPollSeconds"] = "3600" });
        await api.StartAsync();
        // A job that an instance took and died with, cancelled while nobody ran it.
        var jobs = new JobStore(api.Database, TimeProvider.System);
        var job = await jobs.CreateAsync(Tenants.Default, new JobRequest { Kind = "rank-all" }, "test");
        Assert.That(await jobs.ClaimAsync("an instance that died", TimeSpan.FromMilliseconds(1), job.Id), Is.Not.Null);
        Assert.That((await jobs.CancelAsync(Tenants.Default, job.Id))!.CancelRequested, Is.True);
        await Task.Delay(10);

        api.Services.GetRequiredService<JobWorker>().Nudge();
        var finished = await FinishedAsync(api.CreateClient(), job.Id);
        Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("cancelled"), finished.ToString());
        Assert.That(finished.GetProperty("attempts").GetInt32(), Is.EqualTo(2));
        Assert.That(finished.GetProperty("progress").GetProperty("done").GetInt32(), Is.Zero);
    }
}
