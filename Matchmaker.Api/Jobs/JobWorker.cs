using Matchmaker.Api.Hosting;
using Matchmaker.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Jobs;

/// <summary>
/// Runs jobs on this instance, one at a time: every <c>Matchmaker:JobPollSeconds</c> (and at once when a job is
/// submitted here) it claims the oldest queued job, or one whose instance let its lease expire, and runs it. With
/// several instances on one database the lease makes sure one runs each job; a stopping server lets its job go, to
/// be resumed from the last checkpoint.
/// </summary>
public sealed class JobWorker(JobStore jobs, JobRunner runner, JobOptions jobOptions, IOptions<MatchmakerOptions> options, ILogger<JobWorker> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _nudge = new(0, 1);

    /// <summary>Who holds a lease: this process, told apart from any other on the same or another machine.</summary>
    public static string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Looks for work now rather than at the next poll.</summary>
    public void Nudge()
    {
        try
        {
            if (_nudge.CurrentCount == 0) _nudge.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another request nudged it between the check and the release: one nudge is enough.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.JobPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await jobs.ClaimAsync(Owner, jobOptions.Lease) is { } job)
                {
                    logger.LogInformation("Job {Job} ({Kind}) claimed, attempt {Attempt}", job.Id, job.Job.Kind, job.Job.Attempts);
                    var status = await runner.RunAsync(job, stoppingToken: stoppingToken);
                    logger.LogInformation("Job {Job} ended here: {Status}", job.Id, status?.ToString() ?? "let go");
                    if (stoppingToken.IsCancellationRequested) return;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Looking for jobs failed; trying again at the next poll");
            }
            try
            {
                await _nudge.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
