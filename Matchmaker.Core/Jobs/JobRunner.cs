using System.Diagnostics;
using Matchmaker.Core.Campaigns;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Core.Jobs;

/// <summary>How long a job's lease lasts (renewed every third of it while the job runs) and how many problems one checkpoint holds.</summary>
public sealed record JobOptions(TimeSpan Lease, int BatchSize = 50)
{
    public static JobOptions Default { get; } = new(TimeSpan.FromSeconds(30));
}

/// <summary>
/// Runs a claimed job to its end: fixes its problems (once), ranks them batch by batch, each batch a checkpoint, and
/// for a campaign solves the assignment from the kept candidates. While it runs, the lease is renewed; a job whose
/// lease another instance took over (this one stalled), or that is asked to stop with the process, is left as it
/// is, to be resumed from its last checkpoint.
/// </summary>
public sealed class JobRunner(
    JobStore jobs, ProblemStore problems, ExpertStore experts, ConflictStore conflicts, ExpertLoadStore loads, Ranker ranker, JobOptions options,
    TimeProvider clock, ILogger<JobRunner> logger)
{
    /// <summary>
    /// Runs <paramref name="job"/>; its status at the end, or null when this run let it go (lease lost, or
    /// <paramref name="stoppingToken"/> fired: the lease is released so that the job resumes elsewhere or at the next start).
    /// </summary>
    public async Task<JobStatus?> RunAsync(ClaimedJob job, Action<Job>? progress = null, CancellationToken stoppingToken = default)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var lost = false;
        var cancelled = false;
        var heartbeat = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(options.Lease / 3, clock);
            try
            {
                while (await timer.WaitForNextTickAsync(run.Token))
                {
                    try
                    {
                        var (owned, cancel) = await jobs.RenewAsync(job, options.Lease);
                        if (owned && !cancel) continue;
                        lost = !owned;
                        cancelled = cancel;
                        await run.CancelAsync();
                        return;
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // Tried again at the next tick: a failed renewal (the database busy, say) must not end the renewals.
                        logger.LogWarning(exception, "Renewing the lease of job {Job} failed; trying again in {Seconds} s", job.Id, (options.Lease / 3).TotalSeconds);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        try
        {
            var status = await WorkAsync(job, progress, () =>
            {
                cancelled = true;
                run.Cancel();
            }, run.Token);
            return status;
        }
        catch (OperationCanceledException) when (cancelled && !lost)
        {
            return await jobs.FinishAsync(job, JobStatus.Cancelled) ? JobStatus.Cancelled : null;
        }
        catch (Exception exception) when (lost || exception is LeaseLost)
        {
            logger.LogWarning("Job {Job}: another instance holds its lease now; this one stops", job.Id);
            return null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await jobs.ReleaseAsync(job);
            logger.LogInformation("Job {Job} let go at shutdown; it resumes from its last checkpoint", job.Id);
            return null;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Job {Job} failed", job.Id);
            return await jobs.FinishAsync(job, JobStatus.Failed, exception.Message) ? JobStatus.Failed : null;
        }
        finally
        {
            await run.CancelAsync();
            await heartbeat;
        }
    }

    private sealed class LeaseLost : Exception;

    // `cancel` stops the run as cancelled: asked for at a checkpoint, or before this instance took the job up.
    private async Task<JobStatus> WorkAsync(ClaimedJob job, Action<Job>? progress, Action cancel, CancellationToken token)
    {
        if (job.Job.CancelRequested) cancel();
        token.ThrowIfCancellationRequested();
        var settings = job.Job.Settings;
        var campaign = job.Job.Kind == JobKind.Campaign;
        var total = job.Job.Progress.Total;
        if (job.Job.Phase is JobPhase.Preparing or JobPhase.Queued)
        {
            var chosen = (await problems.AllAsync(job.Tenant)).Where(settings.Problems.Includes).Select(p => p.Id).Take(JobRequest.MaxProblems).ToList();
            if (!await jobs.PrepareAsync(job, chosen, options.Lease)) throw new LeaseLost();
            total = chosen.Count;
        }

        var (index, learned) = await ranker.CurrentAsync(token);
        var now = clock.GetUtcNow();
        var today = Ranker.ChinaDay(now);
        var everyone = await experts.AllWithoutWorksAsync();
        var filtered = settings.Experts.IsEveryone ? null : everyone.Where(settings.Experts.Includes).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var pool = filtered;
        if (campaign)
        {
            var capacities = await loads.ReadAsync();
            pool = everyone.Where(e => filtered?.Contains(e.Id) ?? true)
                .Where(e => index.Find(e.Id)?.AvailableOn(today) == true && capacities.TryGetValue(e.Id, out var c) && ExpertLoadStore.Room(c) > 0)
                .Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        }
        // The audit's own-organization exclusions: experts of the pool (before capacity) by organization.
        var byOrganization = campaign
            ? index.Experts.Where(e => e.OrganizationKey is not null && (filtered?.Contains(e.Id) ?? true)).ToLookup(e => e.OrganizationKey!)
            : null;

        var pending = await jobs.PendingAsync(job.Id);
        var done = total - pending.Count;
        var top = campaign ? settings.Candidates ?? JobRequest.DefaultCandidates : settings.Top ?? 10;
        foreach (var batch in pending.Chunk(options.BatchSize))
        {
            token.ThrowIfCancellationRequested();
            var found = (await problems.ManyAsync(job.Tenant, batch.Select(b => b.ProblemId))).ToDictionary(p => p.Id, StringComparer.Ordinal);
            var excluded = new Dictionary<string, Exclusions>(StringComparer.Ordinal);
            foreach (var problem in found.Values) excluded[problem.Id] = await conflicts.ExclusionsAsync(job.Tenant, problem.EnterpriseId, problem.Id);
            var ranked = new List<RecommendationItem>?[batch.Length];
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = token, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                if (!found.TryGetValue(batch[i].ProblemId, out var problem)) return;
                ranked[i] = Ranker.Rank(index, ProblemQuery.From(problem), top, explain: Explanation.Terms, learned: campaign ? null : learned,
                    asOf: now, excluded: excluded[problem.Id], pool: pool);
            });
            var rows = new List<JobRow>();
            var audit = new List<(int Seq, JobExclusion Exclusion)>();
            var messages = new List<string>();
            for (var i = 0; i < batch.Length; i++)
            {
                var (seq, problemId) = batch[i];
                if (ranked[i] is not { } items)
                {
                    messages.Add($"problem '{problemId}' was deleted before it was ranked");
                    continue;
                }
                rows.AddRange(items.Select(item => new JobRow(seq, item.Rank, problemId, item.ExpertId, item.Name, item.Score,
                    item.Reasons is { MatchedTerms.Count: > 0 } reasons ? string.Join("、", reasons.MatchedTerms) : null, null)));
                if (byOrganization is not null) audit.AddRange(Audit(excluded[problemId], filtered, byOrganization, index).Select(e => (seq, e with { ProblemId = problemId })));
            }
            var (owned, cancelRequested) = await jobs.CheckpointAsync(job, campaign ? JobRows.Candidate : JobRows.Result, batch.Select(b => b.Seq).ToList(),
                rows, audit, messages, campaign ? 0 : rows.Count, options.Lease);
            if (!owned) throw new LeaseLost();
            done += batch.Length;
            progress?.Invoke(job.Job with { Phase = JobPhase.Ranking, Progress = new JobProgress(done, total) });
            if (cancelRequested) cancel(); // the next look at the token ends the run
        }
        // A cancel asked for after the last checkpoint still stops the job before it is marked succeeded or solved.
        if (await jobs.CancelRequestedAsync(job.Id)) cancel();
        token.ThrowIfCancellationRequested();
        if (!campaign)
            return await jobs.FinishAsync(job, JobStatus.Succeeded) ? JobStatus.Succeeded : throw new LeaseLost();

        if (!await jobs.PhaseAsync(job, JobPhase.Solving, total, total, options.Lease)) throw new LeaseLost();
        progress?.Invoke(job.Job with { Phase = JobPhase.Solving, Progress = new JobProgress(total, total) });
        return await SolveAsync(job, filtered ?? everyone.Select(e => e.Id), index, today, token);
    }

    // Every expert of the pool that the problem's conflicts keep out, with why.
    private static IEnumerable<JobExclusion> Audit(Exclusions excluded, HashSet<string>? filtered, ILookup<string, IndexedExpert> byOrganization, ExpertIndex index)
    {
        foreach (var (expertId, reason) in excluded.Named)
            if ((filtered?.Contains(expertId) ?? true) && index.Find(expertId) is not null)
                yield return new JobExclusion("", expertId, Storage.EnumColumn.Write(reason));
        if (excluded.OrganizationKey is null) yield break;
        foreach (var expert in byOrganization[excluded.OrganizationKey])
            if (!excluded.Named.ContainsKey(expert.Id))
                yield return new JobExclusion("", expert.Id, Storage.EnumColumn.Write(ExclusionReason.OwnOrganization));
    }

    private async Task<JobStatus> SolveAsync(ClaimedJob job, IEnumerable<string> pool, ExpertIndex index, DateOnly today, CancellationToken token)
    {
        var settings = job.Job.Settings;
        var rules = settings.Rules;
        var maxLoad = settings.MaxLoad ?? 2;
        var bySeq = new SortedDictionary<int, (string ProblemId, List<JobRow> Rows)>();
        await foreach (var row in jobs.RowsAsync(job.Id, JobRows.Candidate, token))
        {
            if (!bySeq.TryGetValue(row.Seq, out var entry)) bySeq[row.Seq] = entry = (row.ProblemId, []);
            entry.Rows.Add(row);
        }
        var items = await jobs.ItemsAsync(job.Id);
        var allItems = items.Count;
        // Room now, read again: matches created since the candidates were ranked take theirs.
        var capacities = await loads.ReadAsync();
        var room = new Dictionary<string, int>(StringComparer.Ordinal);
        int poolExperts = 0, full = 0, away = 0;
        foreach (var id in pool)
        {
            poolExperts++;
            var left = capacities.TryGetValue(id, out var c) ? ExpertLoadStore.Room(c) : 0;
            if (index.Find(id)?.AvailableOn(today) != true) away++;
            else if (left == 0) full++;
            else room[id] = Math.Min(maxLoad, left);
        }
        var campaignProblems = bySeq.Values.Select(p => new CampaignProblem(p.ProblemId, p.Rows.Select(r => new Candidate(r.ExpertId!, r.Score ?? 0)).ToList())).ToList();
        // Problems whose ranking found no candidate have no rows: they join the plan as unassigned.
        var watch = Stopwatch.StartNew();
        var plan = AssignmentSolver.Solve(campaignProblems, room, rules);
        watch.Stop();
        token.ThrowIfCancellationRequested();

        var seqOf = bySeq.ToDictionary(p => p.Value.ProblemId, p => p.Key, StringComparer.Ordinal);
        var rowOf = bySeq.Values.SelectMany(p => p.Rows).ToDictionary(r => (r.ProblemId, r.ExpertId!));
        var results = new List<JobRow>();
        foreach (var assigned in plan.Assigned)
            results.AddRange(assigned.Experts.Select((e, i) => rowOf[(assigned.ProblemId, e.ExpertId)] with { Rank = i + 1 }));
        foreach (var unassigned in plan.Unassigned)
            results.Add(new JobRow(seqOf[unassigned.ProblemId], 0, unassigned.ProblemId, null, null, null, null, unassigned.Reason));
        var ranked = new HashSet<string>(seqOf.Keys, StringComparer.Ordinal);
        foreach (var (seq, problemId) in items.Where(p => !ranked.Contains(p.ProblemId)))
            results.Add(new JobRow(seq, 0, problemId, null, null, null, null, "no expert of the pool with room this quarter is a candidate for it (or it was deleted)"));
        results.Sort((a, b) => a.Seq != b.Seq ? a.Seq.CompareTo(b.Seq) : a.Rank.CompareTo(b.Rank));

        var exclusionCount = (await jobs.ExclusionsAsync(job.Id, 1, 1)).Total;
        var summary = new CampaignSummary(
            allItems, plan.Assigned.Count, allItems - plan.Assigned.Count, plan.Assigned.Sum(p => p.Experts.Count), Math.Round(plan.Total, 4),
            Math.Round(plan.Weakest, 4), Math.Round(plan.GreedyTotal, 4), plan.GreedyAssigned, plan.Optimal, rules.Mode == AssignmentMode.Fairness ? "fairness" : "total",
            maxLoad, settings.Candidates ?? JobRequest.DefaultCandidates, poolExperts, room.Count, full, away, exclusionCount, Math.Round(watch.Elapsed.TotalSeconds, 3));
        return await jobs.FinishAsync(job, JobStatus.Succeeded, summary: summary, resultRows: results) ? JobStatus.Succeeded : throw new LeaseLost();
    }
}
