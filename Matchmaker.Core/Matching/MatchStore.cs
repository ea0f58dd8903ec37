using System.Data;
using System.Globalization;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Matching;

/// <summary>SQL for matches and their events, always within one tenant. Events are append-only.</summary>
public sealed class MatchStore(Database database, TimeProvider clock)
{
    private const string MatchColumns = "id, problem_id, expert_id, status, score, created_at, updated_at";

    public Match? Find(string tenant, string id)
    {
        using var connection = database.Open();
        return Find(connection, null, tenant, id);
    }

    public IReadOnlyList<Match> ForProblem(string tenant, string problemId)
    {
        using var connection = database.Open();
        var ids = connection.Query<string>(
            "SELECT id FROM matches WHERE tenant_id = @tenant AND problem_id = @problemId ORDER BY created_at, id",
            new { tenant, problemId });
        return ids.Select(id => Find(connection, null, tenant, id)!).ToList();
    }

    /// <summary>
    /// Creates the match of an expert and a problem, or returns the one that exists (created = false). The caller
    /// has checked that both exist.
    /// </summary>
    public (Match Match, bool Created) Create(string tenant, string problemId, string expertId, double? score)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var existing = connection.QuerySingleOrDefault<string>(
            "SELECT id FROM matches WHERE tenant_id = @tenant AND problem_id = @problemId AND expert_id = @expertId",
            new { tenant, problemId, expertId }, transaction);
        if (existing is not null) return (Find(connection, transaction, tenant, existing)!, false);

        var id = "M-" + Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
        var now = Timestamp(clock.GetUtcNow());
        connection.Execute("""
            INSERT INTO matches (id, tenant_id, problem_id, expert_id, status, score, created_at, updated_at)
            VALUES (@id, @tenant, @problemId, @expertId, 'proposed', @score, @now, @now)
            """,
            new { id, tenant, problemId, expertId, score, now }, transaction);
        var match = Find(connection, transaction, tenant, id)!;
        transaction.Commit();
        return (match, true);
    }

    /// <summary>Appends an event and moves the match to the status of its latest event. Null when the match is unknown.</summary>
    public MatchEvent? AddEvent(string tenant, string matchId, NewMatchEvent input)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var known = connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM matches WHERE tenant_id = @tenant AND id = @matchId", new { tenant, matchId }, transaction);
        if (known == 0) return null;
        var recordedAt = Timestamp(clock.GetUtcNow());
        var eventId = connection.ExecuteScalar<long>("""
            INSERT INTO match_events (match_id, status, occurred_at, recorded_at, profit_added_yuan, patents, standards, awards, projects, rating, note)
            VALUES (@matchId, @Status, @OccurredAt, @recordedAt, @ProfitAddedYuan, @Patents, @Standards, @Awards, @Projects, @Rating, @Note)
            RETURNING id
            """,
            new
            {
                matchId, Status = EnumColumn.Write(input.Status), OccurredAt = Timestamp(input.OccurredAt), recordedAt,
                input.ProfitAddedYuan, input.Patents, input.Standards, input.Awards, input.Projects, input.Rating, input.Note,
            },
            transaction);
        connection.Execute("""
            UPDATE matches SET
                status = (SELECT status FROM match_events WHERE match_id = @matchId ORDER BY occurred_at DESC, id DESC LIMIT 1),
                updated_at = @recordedAt
            WHERE id = @matchId
            """,
            new { matchId, recordedAt }, transaction);
        transaction.Commit();
        return Events(connection, null, matchId).Single(e => e.Id == eventId);
    }

    private static Match? Find(IDbConnection connection, IDbTransaction? transaction, string tenant, string id)
    {
        var row = connection.QuerySingleOrDefault<MatchRow>(
            $"SELECT {MatchColumns} FROM matches WHERE tenant_id = @tenant AND id = @id", new { tenant, id }, transaction);
        return row?.ToMatch(Events(connection, transaction, id));
    }

    private static List<MatchEvent> Events(IDbConnection connection, IDbTransaction? transaction, string matchId) => connection
        .Query<EventRow>("""
            SELECT id, status, occurred_at, recorded_at, profit_added_yuan, patents, standards, awards, projects, rating, note
            FROM match_events WHERE match_id = @matchId ORDER BY occurred_at, id
            """, new { matchId }, transaction)
        .Select(r => r.ToEvent()).ToList();

    // Stored as UTC ISO-8601 text so that ordering by the column orders by time.
    private static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private sealed record MatchRow(string Id, string ProblemId, string ExpertId, string Status, double? Score, string CreatedAt, string UpdatedAt)
    {
        public Match ToMatch(IReadOnlyList<MatchEvent> events) =>
            new(Id, ProblemId, ExpertId, EnumColumn.Read<MatchStatus>(Status), Score, Parse(CreatedAt), Parse(UpdatedAt), events);
    }

    private sealed record EventRow(
        long Id, string Status, string OccurredAt, string RecordedAt, double? ProfitAddedYuan, long? Patents,
        long? Standards, long? Awards, long? Projects, long? Rating, string? Note)
    {
        public MatchEvent ToEvent() => new(
            Id, EnumColumn.Read<MatchStatus>(Status), Parse(OccurredAt), Parse(RecordedAt),
            ProfitAddedYuan is { } profit ? (decimal)profit : null,
            (int?)Patents, (int?)Standards, (int?)Awards, (int?)Projects, (int?)Rating, Note);
    }
}
