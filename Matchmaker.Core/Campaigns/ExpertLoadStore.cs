using System.Data.Common;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Campaigns;

/// <summary>
/// Experts' capacity per calendar quarter (China time): an expert's <c>capacity</c> is how many matches they take on
/// in a quarter. The load counts every match of the expert (all partners) that is open now (proposed, contacted,
/// accepted, visited) and every one created this quarter that ended after a visit (solved, unsolved); declined and
/// withdrawn ones take no room. Room = capacity − load; a full expert (no room) is not assigned.
/// </summary>
public sealed class ExpertLoadStore(Database database, TimeProvider clock)
{
    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Loads => """
            SELECT e.id AS expert_id, e.capacity,
                   (SELECT COUNT(*) FROM matches m
                    WHERE m.expert_id = e.id
                      AND (m.status IN ('proposed', 'contacted', 'accepted', 'visited')
                           OR (m.status IN ('solved', 'unsolved') AND m.created_at >= @quarterStart))) AS taken
            FROM experts e
            """;
    }

    private readonly Sql _sql = new(database.Dialect);

    /// <summary>The first moment of the quarter <paramref name="time"/> falls in, in China time (UTC+8).</summary>
    public static DateTimeOffset QuarterStart(DateTimeOffset time)
    {
        var china = time.ToOffset(TimeSpan.FromHours(8));
        var month = (china.Month - 1) / 3 * 3 + 1;
        return new DateTimeOffset(china.Year, month, 1, 0, 0, 0, TimeSpan.FromHours(8));
    }

    /// <summary>Each expert's capacity and load this quarter, read now (within the caller's transaction when given).</summary>
    public Task<Dictionary<string, (int Capacity, int Load)>> ReadAsync(DbTransaction? transaction = null) =>
        database.ReadAsync(transaction, async (connection, tx) =>
            (await connection.QueryAsync<Row>(_sql.Loads, new { quarterStart = database.Time(QuarterStart(clock.GetUtcNow())) }, tx))
            .ToDictionary(r => r.ExpertId, r => ((int)r.Capacity, (int)r.Taken), StringComparer.Ordinal));

    /// <summary>Each expert's room this quarter (capacity − load, at least 0).</summary>
    public static int Room((int Capacity, int Load) expert) => Math.Max(0, expert.Capacity - expert.Load);

    private sealed class Row
    {
        public string ExpertId { get; init; } = "";
        public long Capacity { get; init; }
        public long Taken { get; init; }
    }
}
