using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Jobs;

/// <summary>
/// Jobs in the database: created <c>queued</c>, claimed by one instance with a lease (owner, expiry) that it renews
/// while it runs, checkpointed batch by batch (rows and the items they finish in one transaction, taken only while
/// the lease is still the caller's), finished once. A job whose lease expired (its instance stopped) is claimed again
/// by any instance and resumes with the items not yet done.
/// </summary>
public sealed class JobStore(Database database, TimeProvider clock)
{
    /// <summary>At most this many per-problem messages are kept with a job (the count of skipped problems goes on).</summary>
    public const int KeptMessages = 20;

    /// <summary>A job is run this many times at most: one whose instances keep dying (a job that kills its process, say) then fails.</summary>
    public const int MaxAttempts = 10;

    private const string Columns = """
        id, tenant_id, kind, status, phase, settings, requested_by, created_at, started_at, finished_at, total, done,
        result_rows, skipped, messages, error, summary, attempts, cancel_requested, accepted
        """;

    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Insert => """
            INSERT INTO jobs (id, tenant_id, kind, status, phase, settings, requested_by, created_at)
            VALUES (@id, @tenant, @kind, 'queued', 'queued', @settings, @requestedBy, @now)
            """;

        public string Find => $"SELECT {Columns} FROM jobs WHERE tenant_id = @tenant AND id = @id";
        public string FindAny => $"SELECT {Columns} FROM jobs WHERE id = @id";
        public string Count => "SELECT COUNT(*) FROM jobs WHERE tenant_id = @tenant";
        public string Page { get; } = $"SELECT {Columns} FROM jobs WHERE tenant_id = @tenant ORDER BY created_at DESC, id DESC {dialect.Page}";
        public string Latest { get; } = $"SELECT {Columns} FROM jobs ORDER BY created_at DESC, id DESC {dialect.Page}";

        // Jobs an instance may take: queued ones, and running ones whose instance let the lease expire.
        // A job whose instances died this many times is not tried again: it fails, with the reason.
        public string GiveUp => """
            UPDATE jobs SET status = 'failed', phase = 'done', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL,
                error = @error
            WHERE id = @id AND status = 'running' AND lease_expires_at < @now AND attempts >= @maxAttempts
            """;

        public string Claimable { get; } = $"""
            SELECT id FROM jobs
            WHERE status = 'queued' OR (status = 'running' AND lease_expires_at < @now)
            ORDER BY created_at, id {dialect.Page}
            """;

        // Taken only if still claimable: of two instances claiming at once, one updates the row, the other none.
        public string Claim => """
            UPDATE jobs SET status = 'running', lease_owner = @owner, lease_expires_at = @until, attempts = attempts + 1,
                started_at = COALESCE(started_at, @now), phase = CASE WHEN phase = 'queued' THEN 'preparing' ELSE phase END
            WHERE id = @id AND (status = 'queued' OR (status = 'running' AND lease_expires_at < @now AND attempts < @maxAttempts))
            """;

        public string Renew => """
            UPDATE jobs SET lease_expires_at = @until WHERE id = @id AND lease_owner = @owner AND status = 'running'
            """;

        // Let go by an instance that stops: claimable at once by any other (or by this one at its next start).
        public string Release => "UPDATE jobs SET lease_expires_at = @past WHERE id = @id AND lease_owner = @owner AND status = 'running'";

        public string CancelFlag => "SELECT cancel_requested FROM jobs WHERE id = @id";

        public string Progress => """
            UPDATE jobs SET phase = @phase, total = @total, done = @done, lease_expires_at = @until
            WHERE id = @id AND lease_owner = @owner AND status = 'running'
            """;

        public string InsertItem => "INSERT INTO job_items (job_id, seq, problem_id, done) VALUES (@jobId, @seq, @problemId, 0)";

        public string Items => "SELECT seq, problem_id FROM job_items WHERE job_id = @id ORDER BY seq";

        public string Pending => "SELECT seq, problem_id FROM job_items WHERE job_id = @id AND done = 0 ORDER BY seq";

        public string Checkpoint => """
            UPDATE jobs SET done = done + @done, result_rows = result_rows + @rows, skipped = skipped + @skipped,
                messages = @messages, lease_expires_at = @until
            WHERE id = @id AND lease_owner = @owner AND status = 'running'
            """;

        public string Messages => "SELECT messages FROM jobs WHERE id = @id";

        public string ItemDone => "UPDATE job_items SET done = 1 WHERE job_id = @id AND seq = @seq AND done = 0";

        public string ClearRows => "DELETE FROM job_rows WHERE job_id = @id AND stage = @stage AND seq IN @seqs";

        public string InsertRow => """
            INSERT INTO job_rows (job_id, stage, seq, rank, problem_id, expert_id, expert_name, score, matched_terms, reason)
            VALUES (@jobId, @stage, @Seq, @Rank, @ProblemId, @ExpertId, @ExpertName, @Score, @MatchedTerms, @Reason)
            """;

        public string ClearExclusions => "DELETE FROM job_exclusions WHERE job_id = @id AND seq IN @seqs";

        public string InsertExclusion => """
            INSERT INTO job_exclusions (job_id, seq, problem_id, expert_id, reason) VALUES (@jobId, @seq, @ProblemId, @ExpertId, @Reason)
            """;

        public string Rows => """
            SELECT seq, rank, problem_id, expert_id, expert_name, score, matched_terms, reason FROM job_rows
            WHERE job_id = @id AND stage = @stage ORDER BY seq, rank
            """;

        public string Exclusions => """
            SELECT problem_id, expert_id, reason FROM job_exclusions WHERE job_id = @id ORDER BY seq, expert_id
            """;

        public string ExclusionCount => "SELECT COUNT(*) FROM job_exclusions WHERE job_id = @id";

        public string ExclusionPage { get; } = $"""
            SELECT problem_id, expert_id, reason FROM job_exclusions WHERE job_id = @id ORDER BY seq, expert_id {dialect.Page}
            """;

        public string Finish => """
            UPDATE jobs SET status = @status, phase = 'done', finished_at = @now, error = @error, summary = COALESCE(@summary, summary),
                result_rows = COALESCE(@rows, result_rows), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @id AND lease_owner = @owner AND status = 'running'
            """;

        public string ClearStage => "DELETE FROM job_rows WHERE job_id = @id AND stage = @stage";

        public string CancelQueued => """
            UPDATE jobs SET status = 'cancelled', phase = 'done', finished_at = @now, cancel_requested = 1
            WHERE tenant_id = @tenant AND id = @id AND status = 'queued'
            """;

        public string RequestCancel => "UPDATE jobs SET cancel_requested = 1 WHERE tenant_id = @tenant AND id = @id AND status = 'running'";

        public string Accept => """
            UPDATE jobs SET accepted_at = @now, accepted_by = @by, accepted = @accepted
            WHERE tenant_id = @tenant AND id = @id AND status = 'succeeded' AND accepted_at IS NULL
            """;
    }

    private readonly Sql _sql = new(database.Dialect);

    /// <summary>Records a job, <c>queued</c>; an instance's worker (or the command line that asked) takes it up.</summary>
    public Task<Job> CreateAsync(string tenant, JobRequest request, string? requestedBy, DbTransaction? transaction = null) =>
        database.WriteAsync(transaction, async (connection, tx) =>
        {
            var id = "J-" + Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
            await connection.ExecuteAsync(_sql.Insert, new
            {
                id, tenant, kind = request.Kind, settings = JsonSerializer.Serialize(request.Normalized(), MatchmakerJson.Options), requestedBy,
                now = database.Time(clock.GetUtcNow()),
            }, tx);
            return (await connection.QuerySingleAsync<Row>(_sql.Find, new { tenant, id }, tx)).ToJob();
        });

    public Task<Job?> FindAsync(string tenant, string id, DbTransaction? transaction = null) => database.ReadAsync(transaction, async (connection, tx) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(_sql.Find, new { tenant, id }, tx))?.ToJob());

    /// <summary>A job of any tenant (the worker and the staff command line).</summary>
    public Task<(Job Job, string Tenant)?> FindAnyAsync(string id) => database.ReadAsync(async connection =>
        await connection.QuerySingleOrDefaultAsync<Row>(_sql.FindAny, new { id }) is { } row ? (row.ToJob(), row.TenantId) : ((Job, string)?)null);

    public Task<(IReadOnlyList<Job> Items, int Total)> PageAsync(string tenant, int page, int pageSize) =>
        database.TenantPageAsync<Row, Job>(_sql.Count, _sql.Page, tenant, page, pageSize, r => r.ToJob());

    /// <summary>The latest jobs of every tenant, newest first, with their tenants.</summary>
    public Task<List<(Job Job, string Tenant)>> LatestAsync(int take) => database.ReadAsync(async connection =>
        (await connection.QueryAsync<Row>(_sql.Latest, new { take, skip = 0 })).Select(r => (r.ToJob(), r.TenantId)).ToList());

    /// <summary>
    /// Cancels a job: a queued one at once, a running one at its next checkpoint (<c>cancelRequested</c>). Null when
    /// the job is unknown; a <see cref="ConflictException"/> when it has finished.
    /// </summary>
    public async Task<Job?> CancelAsync(string tenant, string id)
    {
        var now = database.Time(clock.GetUtcNow());
        return await database.WriteAsync(null, async (connection, tx) =>
        {
            if (await connection.ExecuteAsync(_sql.CancelQueued, new { tenant, id, now }, tx) == 0)
                await connection.ExecuteAsync(_sql.RequestCancel, new { tenant, id }, tx);
            var job = (await connection.QuerySingleOrDefaultAsync<Row>(_sql.Find, new { tenant, id }, tx))?.ToJob();
            if (job is { Status: JobStatus.Succeeded or JobStatus.Failed })
                throw new ConflictException($"Job '{id}' has finished ({EnumColumn.Write(job.Status)}): there is nothing to cancel.",
                    new Dictionary<string, object?> { ["currentStatus"] = EnumColumn.Write(job.Status) });
            return job;
        });
    }

    /// <summary>
    /// Claims the oldest claimable job (queued, or running under an expired lease) for <paramref name="owner"/> until
    /// now + <paramref name="lease"/>; or the job <paramref name="id"/> only. Null when there is none to take.
    /// </summary>
    public async Task<ClaimedJob?> ClaimAsync(string owner, TimeSpan lease, string? id = null)
    {
        var now = clock.GetUtcNow();
        var candidates = id is not null
            ? [id]
            : await database.ReadAsync(async connection =>
                (await connection.QueryAsync<string>(_sql.Claimable, new { now = database.Time(now), take = 5, skip = 0 })).ToList());
        foreach (var candidate in candidates)
        {
            var claimed = await database.WriteAsync(null, async (connection, tx) =>
            {
                var taken = await connection.ExecuteAsync(_sql.Claim, new
                {
                    id = candidate, owner, until = database.Time(now + lease), now = database.Time(now), maxAttempts = MaxAttempts,
                }, tx);
                // Not claimable: another instance took it meanwhile, or its instances stopped too often, and then it
                // fails here, in the same transaction (written when such a job turns up as a candidate, not at every poll).
                if (taken == 0)
                    await connection.ExecuteAsync(_sql.GiveUp, new
                    {
                        id = candidate, now = database.Time(now), maxAttempts = MaxAttempts,
                        error = $"given up: the instances running it stopped {MaxAttempts} times before it ended",
                    }, tx);
                return taken;
            });
            if (claimed == 0) continue;
            if (await FindAnyAsync(candidate) is not { } found) continue;
            return new ClaimedJob(found.Job, found.Tenant, owner);
        }
        return null;
    }

    /// <summary>Extends the lease; false when it is no longer the owner's (expired and taken over, or the job ended).</summary>
    public async Task<(bool Owned, bool CancelRequested)> RenewAsync(ClaimedJob job, TimeSpan lease)
    {
        var owned = await database.WriteAsync(null, async (connection, tx) =>
            await connection.ExecuteAsync(_sql.Renew, new { id = job.Id, owner = job.Owner, until = database.Time(clock.GetUtcNow() + lease) }, tx)) == 1;
        return (owned, await CancelRequestedAsync(job.Id));
    }

    /// <summary>Whether a cancel was asked for while the job runs.</summary>
    public Task<bool> CancelRequestedAsync(string id) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<bool>(_sql.CancelFlag, new { id }));

    /// <summary>Lets go of the lease (an instance stopping mid-job), so that the job is taken up again without waiting for the lease to expire.</summary>
    public Task ReleaseAsync(ClaimedJob job) => database.WriteAsync(null, (connection, tx) =>
        connection.ExecuteAsync(_sql.Release, new { id = job.Id, owner = job.Owner, past = database.Time(DateTimeOffset.UnixEpoch) }, tx));

    /// <summary>Fixes the job's work list (once: the items of a resumed job are those of its first run) and its total.</summary>
    public Task<bool> PrepareAsync(ClaimedJob job, IReadOnlyList<string> problemIds, TimeSpan lease) => database.WriteAsync(null, async (connection, tx) =>
    {
        var owned = await connection.ExecuteAsync(_sql.Progress, new
        {
            id = job.Id, owner = job.Owner, phase = JobPhase.Ranking, total = problemIds.Count, done = 0, until = database.Time(clock.GetUtcNow() + lease),
        }, tx) == 1;
        if (!owned) return false;
        await connection.ExecuteAsync(_sql.InsertItem, problemIds.Select((p, i) => new { jobId = job.Id, seq = i, problemId = p }), tx);
        return true;
    });

    /// <summary>Sets the phase (e.g. solving) while the lease is the owner's.</summary>
    public Task<bool> PhaseAsync(ClaimedJob job, string phase, int total, int done, TimeSpan lease) => database.WriteAsync(null, async (connection, tx) =>
        await connection.ExecuteAsync(_sql.Progress, new { id = job.Id, owner = job.Owner, phase, total, done, until = database.Time(clock.GetUtcNow() + lease) }, tx) == 1);

    /// <summary>Every item of the job, in order.</summary>
    public Task<List<(int Seq, string ProblemId)>> ItemsAsync(string id) => database.ReadAsync(async connection =>
        (await connection.QueryAsync<ItemRow>(_sql.Items, new { id })).Select(r => ((int)r.Seq, r.ProblemId)).ToList());

    /// <summary>The items not done yet, in order.</summary>
    public Task<List<(int Seq, string ProblemId)>> PendingAsync(string id) => database.ReadAsync(async connection =>
        (await connection.QueryAsync<ItemRow>(_sql.Pending, new { id })).Select(r => ((int)r.Seq, r.ProblemId)).ToList());

    /// <summary>
    /// One checkpoint: the rows of <paramref name="stage"/> and the exclusions found for the items <paramref name="seqs"/>,
    /// those items marked done, and the counts, in one transaction, only while the lease is the owner's (false, and
    /// nothing written, otherwise). Rows an earlier run left for these items (none unless it died mid-commit, which the
    /// transaction prevents) are replaced, so a row is never there twice. Also whether a cancel was asked for, at which
    /// the job stops here.
    /// </summary>
    public Task<(bool Owned, bool CancelRequested)> CheckpointAsync(ClaimedJob job, string stage, IReadOnlyCollection<int> seqs, IReadOnlyList<JobRow> rows,
        IReadOnlyList<(int Seq, JobExclusion Exclusion)> exclusions, IReadOnlyList<string> messages, int resultRows, TimeSpan lease) =>
        database.WriteAsync(null, async (connection, tx) =>
        {
            var kept = JsonColumn.Read(await connection.QuerySingleOrDefaultAsync<string?>(_sql.Messages, new { id = job.Id }, tx)).ToList();
            kept.AddRange(messages.Take(Math.Max(0, KeptMessages - kept.Count)));
            var owned = await connection.ExecuteAsync(_sql.Checkpoint, new
            {
                id = job.Id, owner = job.Owner, done = seqs.Count, rows = resultRows, skipped = messages.Count,
                messages = kept.Count == 0 ? null : JsonColumn.Write(kept), until = database.Time(clock.GetUtcNow() + lease),
            }, tx) == 1;
            if (!owned) return (false, false);
            var ids = seqs.ToList();
            await connection.ExecuteAsync(_sql.ClearRows, new { id = job.Id, stage, seqs = ids }, tx);
            await connection.ExecuteAsync(_sql.InsertRow, rows.Select(r => new
            {
                jobId = job.Id, stage, r.Seq, r.Rank, r.ProblemId, r.ExpertId, r.ExpertName, r.Score, r.MatchedTerms, r.Reason,
            }), tx);
            if (exclusions.Count > 0)
            {
                await connection.ExecuteAsync(_sql.ClearExclusions, new { id = job.Id, seqs = ids }, tx);
                await connection.ExecuteAsync(_sql.InsertExclusion, exclusions.Select(e => new
                {
                    jobId = job.Id, seq = e.Seq, e.Exclusion.ProblemId, e.Exclusion.ExpertId, e.Exclusion.Reason,
                }), tx);
            }
            await connection.ExecuteAsync(_sql.ItemDone, ids.Select(seq => new { id = job.Id, seq }), tx);
            return (true, await connection.ExecuteScalarAsync<bool>(_sql.CancelFlag, new { id = job.Id }, tx));
        });

    /// <summary>
    /// Ends the run: the status, the error or the summary, and (a campaign's plan) the result rows, which replace any
    /// earlier ones, in one transaction while the lease is the owner's.
    /// </summary>
    public Task<bool> FinishAsync(ClaimedJob job, JobStatus status, string? error = null, CampaignSummary? summary = null,
        IReadOnlyList<JobRow>? resultRows = null) => database.WriteAsync(null, async (connection, tx) =>
    {
        var owned = await connection.ExecuteAsync(_sql.Finish, new
        {
            id = job.Id, owner = job.Owner, status = EnumColumn.Write(status), now = database.Time(clock.GetUtcNow()), error,
            summary = summary is null ? null : JsonSerializer.Serialize(summary, MatchmakerJson.Options), rows = resultRows?.Count,
        }, tx) == 1;
        if (!owned || resultRows is null) return owned;
        await connection.ExecuteAsync(_sql.ClearStage, new { id = job.Id, stage = JobRows.Result }, tx);
        await connection.ExecuteAsync(_sql.InsertRow, resultRows.Select(r => new
        {
            jobId = job.Id, stage = JobRows.Result, r.Seq, r.Rank, r.ProblemId, r.ExpertId, r.ExpertName, r.Score, r.MatchedTerms, r.Reason,
        }), tx);
        return true;
    });

    /// <summary>A job's rows of one stage in order, read as they are streamed (never all in memory).</summary>
    public async IAsyncEnumerable<JobRow> RowsAsync(string id, string stage, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(_sql.Rows, new { id, stage });
        var parse = reader.GetRowParser<RowOfJob>();
        while (await reader.ReadAsync(cancellationToken)) yield return parse(reader).ToRow();
    }

    /// <summary>A campaign's exclusion audit, a page at a time, with the count of them all.</summary>
    public Task<(IReadOnlyList<JobExclusion> Items, int Total)> ExclusionsAsync(string id, int page, int pageSize) => database.ReadAsync(async connection =>
    {
        var total = await connection.ExecuteScalarAsync<int>(_sql.ExclusionCount, new { id });
        var rows = await connection.QueryAsync<ExclusionRow>(_sql.ExclusionPage, new { id, take = pageSize, skip = (page - 1) * pageSize });
        return ((IReadOnlyList<JobExclusion>)rows.Select(r => new JobExclusion(r.ProblemId, r.ExpertId, r.Reason)).ToList(), total);
    });

    /// <summary>Marks a succeeded campaign accepted within the caller's transaction; false when it was accepted before (or is not a succeeded job).</summary>
    public async Task<bool> MarkAcceptedAsync(string tenant, string id, AcceptedPlan accepted, DbTransaction transaction) =>
        await transaction.Connection!.ExecuteAsync(_sql.Accept, new
        {
            tenant, id, now = database.Time(accepted.At), by = accepted.By, accepted = JsonSerializer.Serialize(accepted, MatchmakerJson.Options),
        }, transaction) == 1;

    private sealed class ItemRow
    {
        public long Seq { get; init; }
        public string ProblemId { get; init; } = "";
    }

    private sealed class ExclusionRow
    {
        public string ProblemId { get; init; } = "";
        public string ExpertId { get; init; } = "";
        public string Reason { get; init; } = "";
    }

    private sealed class RowOfJob
    {
        public long Seq { get; init; }
        public long Rank { get; init; }
        public string ProblemId { get; init; } = "";
        public string? ExpertId { get; init; }
        public string? ExpertName { get; init; }
        public double? Score { get; init; }
        public string? MatchedTerms { get; init; }
        public string? Reason { get; init; }

        public JobRow ToRow() => new((int)Seq, (int)Rank, ProblemId, ExpertId, ExpertName, Score, MatchedTerms, Reason);
    }

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string TenantId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public string Phase { get; init; } = "";
        public string Settings { get; init; } = "{}";
        public string? RequestedBy { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? StartedAt { get; init; }
        public DateTimeOffset? FinishedAt { get; init; }
        public long Total { get; init; }
        public long Done { get; init; }
        public long ResultRows { get; init; }
        public long Skipped { get; init; }
        public string? Messages { get; init; }
        public string? Error { get; init; }
        public string? Summary { get; init; }
        public long Attempts { get; init; }
        public bool CancelRequested { get; init; }
        public string? Accepted { get; init; }

        public Job ToJob() => new(
            Id, Kind == "campaign" ? JobKind.Campaign : JobKind.RankAll, EnumColumn.Read<JobStatus>(Status), Phase,
            JsonSerializer.Deserialize<JobRequest>(Settings, MatchmakerJson.Options)!, RequestedBy, CreatedAt, StartedAt, FinishedAt,
            new JobProgress((int)Done, (int)Total), (int)ResultRows, (int)Skipped, JsonColumn.Read(Messages), Error,
            Summary is null ? null : JsonSerializer.Deserialize<CampaignSummary>(Summary, MatchmakerJson.Options), (int)Attempts, CancelRequested,
            Accepted is null ? null : JsonSerializer.Deserialize<AcceptedPlan>(Accepted, MatchmakerJson.Options));
    }
}

/// <summary>The stages of a job's rows.</summary>
public static class JobRows
{
    /// <summary>The job's answer: rankings, or a campaign's plan.</summary>
    public const string Result = "result";

    /// <summary>A campaign's candidates, kept for the solver.</summary>
    public const string Candidate = "candidate";
}

/// <summary>A job an instance holds the lease of.</summary>
public sealed record ClaimedJob(Job Job, string Tenant, string Owner)
{
    public string Id => Job.Id;
}
