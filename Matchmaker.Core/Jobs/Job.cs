using System.Text.Json.Serialization;

namespace Matchmaker.Core.Jobs;

[JsonConverter(typeof(JsonStringEnumConverter<JobKind>))]
public enum JobKind
{
    /// <summary>Top-k recommendations of every problem the filter takes.</summary>
    [JsonStringEnumMemberName("rank-all")] RankAll,

    /// <summary>A global assignment of experts to the problems (see <c>AssignmentSolver</c>).</summary>
    [JsonStringEnumMemberName("campaign")] Campaign,
}

[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>Where a job is within its run: <c>queued</c>, <c>preparing</c> (fixing its problems), <c>ranking</c>, <c>solving</c> (campaigns), <c>done</c>.</summary>
public static class JobPhase
{
    public const string Queued = "queued";
    public const string Preparing = "preparing";
    public const string Ranking = "ranking";
    public const string Solving = "solving";
    public const string Done = "done";
}

/// <summary>Problems ranked so far of those the job works on.</summary>
public sealed record JobProgress(int Done, int Total);

/// <summary>
/// What a campaign's plan comes to: problems served and not, assignments, the plan's total and weakest affinity
/// against what greedy top-k (each problem in turn taking its best candidates with room left) would have scored, whether
/// the solver proved it optimal, the pool (the experts its filter takes; of them those with room this quarter when it
/// was solved, those already full and those not available today) and the exclusions for conflicts of interest that
/// the audit keeps.
/// </summary>
public sealed record CampaignSummary(
    int Problems, int AssignedProblems, int UnassignedProblems, int Assignments, double Total, double Weakest, double GreedyTotal,
    int GreedyAssignedProblems, bool Optimal, string Mode, int MaxLoad, int CandidatesPerProblem, int PoolExperts, int ExpertsWithRoom,
    int ExpertsFull, int ExpertsUnavailable, int Exclusions, double SolveSeconds);

/// <summary>An assignment of a plan that its acceptance did not turn into a match, and why.</summary>
public sealed record SkippedAssignment(string ProblemId, string ExpertId, string Reason);

/// <summary>A campaign plan's acceptance: the matches it created (<c>proposed</c>), those that existed, and the assignments skipped.</summary>
public sealed record AcceptedPlan(DateTimeOffset At, string? By, int Created, int Existing, IReadOnlyList<SkippedAssignment> Skipped);

/// <summary>
/// A batch job of a tenant: its settings, status and phase, progress (problems done of total), rows written, problems
/// skipped (with the first messages), the error that failed it, a campaign's summary and acceptance, and how many
/// times an instance took it up (more than once after an instance stopped mid-job).
/// </summary>
public sealed record Job(
    string Id, JobKind Kind, JobStatus Status, string Phase, JobRequest Settings, string? RequestedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, JobProgress Progress, int ResultRows, int Skipped, IReadOnlyList<string> Messages,
    string? Error, CampaignSummary? Summary, int Attempts, bool CancelRequested, AcceptedPlan? Accepted)
{
    [JsonIgnore]
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>What to answer when the results are asked for before the job finished (null once it has).</summary>
    public Storage.ConflictException? Unfinished() => IsFinished ? null : new(
        $"Job '{Id}' is {Storage.EnumColumn.Write(Status)} ({Progress.Done} of {Progress.Total} problems done): its results come when it has finished.",
        new Dictionary<string, object?> { ["currentStatus"] = Storage.EnumColumn.Write(Status), ["progress"] = Progress });
}

/// <summary>One row of a job's results: a ranked expert of a problem, or (a campaign's) problem left unassigned with the reason.</summary>
public sealed record JobRow(int Seq, int Rank, string ProblemId, string? ExpertId, string? ExpertName, double? Score, string? MatchedTerms, string? Reason);

/// <summary>An expert of a campaign's pool kept from a problem by a conflict of interest (its audit).</summary>
public sealed record JobExclusion(string ProblemId, string ExpertId, string Reason);
