using System.Data.Common;
using Matchmaker.Core.Campaigns;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Jobs;

/// <summary>
/// Turns a campaign's plan into matches (<c>proposed</c>), once, in one transaction that reads conflicts of interest
/// and experts' loads as they are at that moment: an assignment that a conflict declared since, a full expert, an
/// expert away today or a deleted problem is skipped with the reason, never created.
/// </summary>
public sealed class PlanAcceptance(Database database, JobStore jobs, ProblemStore problems, ConflictStore conflicts, ExpertLoadStore loads,
    MatchStore matches, Ranker ranker, TimeProvider clock)
{
    /// <summary>The acceptance, or null when the job is unknown; a <see cref="ConflictException"/> when it is no succeeded campaign or was accepted before.</summary>
    public async Task<AcceptedPlan?> AcceptAsync(string tenant, string jobId, string? by, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        if (await jobs.FindAsync(tenant, jobId, transaction) is not { } job) return null;
        if (job.Kind != JobKind.Campaign) throw new ConflictException($"Job '{jobId}' is a rank-all job: only a campaign's plan can be accepted.");
        if (job.Status != JobStatus.Succeeded)
            throw new ConflictException($"Job '{jobId}' is {EnumColumn.Write(job.Status)}: only a succeeded campaign's plan can be accepted.",
                new Dictionary<string, object?> { ["currentStatus"] = EnumColumn.Write(job.Status) });
        if (job.Accepted is { } before) throw Accepted(jobId, before);

        var plan = new List<(string ProblemId, List<JobRow> Experts)>();
        await foreach (var row in jobs.RowsAsync(jobId, JobRows.Result, cancellationToken))
        {
            if (row.ExpertId is null) continue;
            if (plan.Count == 0 || plan[^1].ProblemId != row.ProblemId) plan.Add((row.ProblemId, []));
            plan[^1].Experts.Add(row);
        }
        var found = (await problems.ManyAsync(tenant, plan.Select(p => p.ProblemId), transaction)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        // The affinity and features of each pair as of now, kept with the match as for one created by hand (outside
        // the transaction: it is computation, not data).
        var now = clock.GetUtcNow();
        var today = Ranker.ChinaDay(now);
        var (index, _) = await ranker.CurrentAsync(cancellationToken);
        var scored = new Dictionary<(string, string), RecommendationItem>();
        foreach (var (problemId, experts) in plan)
        {
            if (!found.TryGetValue(problemId, out var problem)) continue;
            foreach (var item in Ranker.Rank(index, ProblemQuery.From(problem), experts.Count, experts.Select(e => e.ExpertId!).ToList(), asOf: now))
                scored[(problemId, item.ExpertId)] = item;
        }

        return await database.WriteAsync(transaction, async (connection, tx) =>
        {
            var capacities = await loads.ReadAsync(tx);
            var skipped = new List<SkippedAssignment>();
            int created = 0, existing = 0;
            foreach (var (problemId, experts) in plan)
            {
                if (!found.TryGetValue(problemId, out var problem))
                {
                    skipped.AddRange(experts.Select(e => new SkippedAssignment(problemId, e.ExpertId!, "the problem was deleted")));
                    continue;
                }
                var excluded = await conflicts.ExclusionsAsync(tenant, problem.EnterpriseId, problem.Id, tx);
                foreach (var expertId in experts.Select(e => e.ExpertId!))
                {
                    var expert = index.Find(expertId);
                    var load = capacities.GetValueOrDefault(expertId);
                    var reason = expert is null ? "the expert was deleted"
                        : excluded.Of(expertId, expert.OrganizationKey) is { } conflict ? $"conflict of interest: {EnumColumn.Write(conflict)}"
                        : !expert.AvailableOn(today) ? "the expert is not available today"
                        : ExpertLoadStore.Room(load) == 0
                            ? $"the expert is full this quarter (capacity {load.Capacity}, load {load.Load})"
                            : null;
                    if (reason is not null)
                    {
                        skipped.Add(new SkippedAssignment(problemId, expertId, reason));
                        continue;
                    }
                    scored.TryGetValue((problemId, expertId), out var item);
                    var (_, isNew) = await matches.CreateAsync(tenant, problemId, expertId, item?.Score, item?.Reasons?.Features, tx);
                    if (!isNew)
                    {
                        existing++;
                        continue;
                    }
                    created++;
                    capacities[expertId] = (load.Capacity, load.Load + 1);
                }
            }
            var accepted = new AcceptedPlan(now, by, created, existing, skipped);
            if (!await jobs.MarkAcceptedAsync(tenant, jobId, accepted, tx))
                throw Accepted(jobId, (await jobs.FindAsync(tenant, jobId, tx))?.Accepted);
            return accepted;
        });
    }

    private static ConflictException Accepted(string jobId, AcceptedPlan? before) => new(
        $"The plan of job '{jobId}' was accepted before{(before is null ? "" : $" ({before.At:O}, {before.Created} matches created)")}: a plan is accepted once.",
        new Dictionary<string, object?> { ["acceptedAt"] = before?.At });
}
