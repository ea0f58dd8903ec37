using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Matching;

/// <summary>SQL for matches and their events, always within one tenant. Events are append-only.</summary>
public sealed class MatchStore(Database database, TimeProvider clock)
{
    private const string MatchColumns = "id, problem_id, expert_id, status, score, created_at, updated_at";
    private const string EventColumns = "id, match_id, status, occurred_at, recorded_at, profit_added_yuan, patents, standards, awards, projects, rating, note, recorded_by";

    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Find => $"SELECT {MatchColumns} FROM matches WHERE tenant_id = @tenant AND id = @id";
        public string Events => $"SELECT {EventColumns} FROM match_events WHERE match_id = @id ORDER BY id";
        public string ForProblem => $"SELECT {MatchColumns} FROM matches WHERE tenant_id = @tenant AND problem_id = @problemId ORDER BY created_at, id";

        public string ForProblemEvents => EventsOfMatchesWhere + " m.problem_id = @problemId ORDER BY e.id";
        public string ForExpert => $"SELECT {MatchColumns} FROM matches WHERE tenant_id = @tenant AND expert_id = @expertId ORDER BY created_at, id";
        public string ForExpertEvents => EventsOfMatchesWhere + " m.expert_id = @expertId ORDER BY e.id";

        private const string EventsOfMatchesWhere = """
            SELECT e.id, e.match_id, e.status, e.occurred_at, e.recorded_at, e.profit_added_yuan, e.patents, e.standards,
                   e.awards, e.projects, e.rating, e.note, e.recorded_by
            FROM match_events e JOIN matches m ON m.id = e.match_id
            WHERE m.tenant_id = @tenant AND
            """;

        public string Existing => "SELECT id FROM matches WHERE tenant_id = @tenant AND problem_id = @problemId AND expert_id = @expertId";

        public string Insert => """
            INSERT INTO matches (id, tenant_id, problem_id, expert_id, status, score, features, created_at, updated_at)
            VALUES (@id, @tenant, @problemId, @expertId, 'proposed', @score, @features, @now, @now)
            """;

        // Every tenant's matches: the learned ranker learns from all of the association's outcomes.
        public string ForLearning => """
            SELECT m.id, m.tenant_id, m.problem_id, m.expert_id, m.features, m.created_at, p.industry, e.capacity, e.kind
            FROM matches m
            JOIN problems p ON p.tenant_id = m.tenant_id AND p.id = m.problem_id
            JOIN experts e ON e.id = m.expert_id
            ORDER BY m.created_at, m.id
            """;

        public string LearningMark => "SELECT CAST((SELECT COALESCE(MAX(id), 0) FROM match_events) AS BIGINT) AS events, CAST((SELECT COUNT(*) FROM matches) AS BIGINT) AS matches";

        public string AllEvents => $"SELECT {EventColumns} FROM match_events ORDER BY id";

        public string InsertEvent { get; } = """
            INSERT INTO match_events (match_id, status, occurred_at, recorded_at, profit_added_yuan, patents, standards, awards, projects, rating, note, recorded_by)
            VALUES (@matchId, @Status, @OccurredAt, @recordedAt, @ProfitAddedYuan, @Patents, @Standards, @Awards, @Projects, @Rating, @Note, @recordedBy)
            """ + dialect.SelectInsertedId;

        // The step, taken only if the match is still where the caller saw it: two steps at once cannot both pass.
        public string Step => """
            UPDATE matches SET status = @next, updated_at = @recordedAt
            WHERE tenant_id = @tenant AND id = @matchId AND status = @current
            """;

        public string Status => "SELECT status FROM matches WHERE tenant_id = @tenant AND id = @matchId";
    }

    private readonly Sql _sql = new(database.Dialect);

    public Task<Match?> FindAsync(string tenant, string id) => database.ReadAsync(c => Find(c, null, tenant, id));

    public Task<List<Match>> ForProblemAsync(string tenant, string problemId) =>
        ListAsync(_sql.ForProblem, _sql.ForProblemEvents, new { tenant, problemId });

    /// <summary>
    /// Creates the match of an expert and a problem, with the affinity and the ranker's features of the pair at
    /// this moment (what outcomes are later learned against), or returns the one that exists (created = false).
    /// The caller has checked that both exist.
    /// </summary>
    public async Task<(Match Match, bool Created)> CreateAsync(
        string tenant, string problemId, string expertId, double? score, MatchFeatures? features = null, DbTransaction? transaction = null)
    {
        try
        {
            return await database.WriteAsync(transaction, async (connection, tx) =>
            {
                var existing = await connection.QuerySingleOrDefaultAsync<string>(_sql.Existing, new { tenant, problemId, expertId }, tx);
                if (existing is not null) return ((await Find(connection, tx, tenant, existing))!, false);

                // One reading of the clock for both, so that the id's time is the match's created_at.
                var time = clock.GetUtcNow();
                var id = NewId(time);
                var now = database.Time(time);
                var featuresJson = features is null ? null : JsonSerializer.Serialize(features, MatchmakerJson.Options);
                await connection.ExecuteAsync(_sql.Insert, new { id, tenant, problemId, expertId, score, features = featuresJson, now }, tx);
                return ((await Find(connection, tx, tenant, id))!, true);
            });
        }
        catch (DbException) when (transaction is null)
        {
            // Another request created the same match between the check and the insert (the unique constraint
            // refused the second): it is the answer, as if it had been found. Any other failure is thrown again.
            if (await ExistingAsync(tenant, problemId, expertId) is { } raced) return (raced, false);
            throw;
        }
    }

    private static readonly Lock LastIdLock = new();
    private static UInt128 _lastId;

    /// <summary>
    /// A new match id: <c>M-</c> and 32 hex digits of a version 7 Guid of <paramref name="time"/>, above every id made
    /// before in this process. The export lists matches by id as the order they were proposed in; a version 7 Guid
    /// sorts by its millisecond, but within one the rest is random, so two matches proposed in the same millisecond
    /// came out in either order. One made in the same millisecond as the last, or with a clock gone back, is the
    /// last plus one.
    /// </summary>
    public static string NewId(DateTimeOffset time)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(time).TryWriteBytes(bytes, bigEndian: true, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        lock (LastIdLock)
        {
            if (value <= _lastId) value = _lastId + 1;
            _lastId = value;
        }
        return "M-" + value.ToString("x32", CultureInfo.InvariantCulture);
    }

    public Task<List<Match>> ForExpertAsync(string tenant, string expertId) =>
        ListAsync(_sql.ForExpert, _sql.ForExpertEvents, new { tenant, expertId });

    // Matches and all their events in two queries rather than one per match.
    private Task<List<Match>> ListAsync(string matchesSql, string eventsSql, object parameters) => database.ReadAsync(async connection =>
    {
        var rows = await connection.QueryAsync<MatchRow>(matchesSql, parameters);
        var events = (await connection.QueryAsync<EventRow>(eventsSql, parameters)).ToLookup(e => e.MatchId);
        return rows.Select(r => r.ToMatch(events[r.Id].Select(e => e.ToEvent()).ToList())).ToList();
    });

    /// <summary>
    /// Records an event on a match that the caller found in <paramref name="current"/> status (checked by
    /// <see cref="MatchLifecycle.Check"/>) and moves it to the event's status. Null when the match is unknown; a
    /// <see cref="ConflictException"/> when another event moved it meanwhile. Within the caller's transaction when
    /// given (an idempotent request's), otherwise in one of its own.
    /// </summary>
    public async Task<MatchEvent?> AddEventAsync(
        string tenant, string matchId, MatchStatus current, NewMatchEvent input, string? recordedBy, DbTransaction? transaction = null)
    {
        return await database.WriteAsync(transaction, async (connection, tx) =>
        {
            var recordedAt = database.Time(clock.GetUtcNow());
            var stepped = await connection.ExecuteAsync(_sql.Step, new
            {
                tenant, matchId, recordedAt, current = EnumColumn.Write(current), next = EnumColumn.Write(input.Status),
            }, tx);
            if (stepped == 0)
            {
                var now = await connection.QuerySingleOrDefaultAsync<string>(_sql.Status, new { tenant, matchId }, tx);
                if (now is null) return null;
                throw MatchLifecycle.Refused(EnumColumn.Read<MatchStatus>(now), input.Status);
            }
            var id = await connection.ExecuteScalarAsync<long>(_sql.InsertEvent, new
            {
                matchId, Status = EnumColumn.Write(input.Status), OccurredAt = database.Time(input.OccurredAt), recordedAt,
                input.ProfitAddedYuan, input.Patents, input.Standards, input.Awards, input.Projects, input.Rating, input.Note, recordedBy,
            }, tx);
            return (await Find(connection, tx, tenant, matchId))!.Events.Single(e => e.Id == id);
        });
    }

    /// <summary>Every match of every tenant with its events, its problem's industry and its expert's capacity, oldest first.</summary>
    public Task<List<LearningMatch>> ForLearningAsync() => database.ReadAsync(async connection =>
    {
        var rows = await connection.QueryAsync<LearningRow>(_sql.ForLearning);
        var events = (await connection.QueryAsync<EventRow>(_sql.AllEvents)).ToLookup(e => e.MatchId);
        return rows.Select(r => new LearningMatch(
            new PastMatch(r.Id, r.ProblemId, r.ExpertId, r.Industry, r.Capacity, r.CreatedAt, events[r.Id].Select(e => e.ToEvent()).ToList()),
            r.TenantId, r.Features is null ? null : JsonSerializer.Deserialize<MatchFeatures>(r.Features, MatchmakerJson.Options),
            EnumColumn.Read<ExpertKind>(r.Kind))).ToList();
    });

    /// <summary>Changes whenever a match or an event is added: whether what <see cref="ForLearningAsync"/> reads has changed.</summary>
    public Task<(long Events, long Matches)> LearningMarkAsync() => database.ReadAsync(connection =>
        connection.QuerySingleAsync<(long Events, long Matches)>(_sql.LearningMark));

    private Task<Match?> ExistingAsync(string tenant, string problemId, string expertId) => database.ReadAsync(async connection =>
        await connection.QuerySingleOrDefaultAsync<string>(_sql.Existing, new { tenant, problemId, expertId }) is { } id
            ? await Find(connection, null, tenant, id)
            : null);

    private async Task<Match?> Find(DbConnection connection, DbTransaction? transaction, string tenant, string id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<MatchRow>(_sql.Find, new { tenant, id }, transaction);
        if (row is null) return null;
        var events = await connection.QueryAsync<EventRow>(_sql.Events, new { id }, transaction);
        return row.ToMatch(events.Select(e => e.ToEvent()).ToList());
    }

    private sealed class MatchRow
    {
        public string Id { get; init; } = "";
        public string ProblemId { get; init; } = "";
        public string ExpertId { get; init; } = "";
        public string Status { get; init; } = "";
        public double? Score { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public Match ToMatch(IReadOnlyList<MatchEvent> events) =>
            new(Id, ProblemId, ExpertId, EnumColumn.Read<MatchStatus>(Status), Score, CreatedAt, UpdatedAt, events);
    }

    private sealed class LearningRow
    {
        public string Id { get; init; } = "";
        public string TenantId { get; init; } = "";
        public string ProblemId { get; init; } = "";
        public string ExpertId { get; init; } = "";
        public string? Features { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string? Industry { get; init; }
        public int Capacity { get; init; }
        public string Kind { get; init; } = "";
    }

    private sealed class EventRow
    {
        public long Id { get; init; }
        public string MatchId { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
        public decimal? ProfitAddedYuan { get; init; }
        public int? Patents { get; init; }
        public int? Standards { get; init; }
        public int? Awards { get; init; }
        public int? Projects { get; init; }
        public int? Rating { get; init; }
        public string? Note { get; init; }
        public string? RecordedBy { get; init; }

        public MatchEvent ToEvent() => new(
            Id, EnumColumn.Read<MatchStatus>(Status), OccurredAt, RecordedAt, ProfitAddedYuan, Patents, Standards, Awards, Projects, Rating, Note,
            RecordedBy);
    }
}
