using System.Runtime.CompilerServices;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Reports;

/// <summary>
/// Every match with its problem, enterprise, expert, lifecycle and outcome figures, one row per match in the order
/// they were proposed, read as the rows are streamed (never all in memory): the export analysts hand in.
/// </summary>
public sealed class MatchExportStore(Database database)
{
    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        // The events are folded per match first (a match takes each status at most once, so the latest event of a
        // status is its only one), then joined: SQL Server cannot group by the experts' NVARCHAR(MAX) columns.
        // The rating is the one of the match's latest event that gave one. Region is a LIKE pattern (contains). Ordered
        // by id, whose leading part is the time of the proposal (version 7): the primary key's order, so that rows
        // come as they are read, where ordering by created_at would sort them all before the first.
        public string Matches => """
            SELECT m.id AS match_id, m.tenant_id, m.problem_id, p.title AS problem_title, p.industry, p.region, p.posted_at,
                   p.enterprise_id, c.name AS enterprise_name, m.expert_id, x.name AS expert_name, x.kind AS expert_kind,
                   x.organization, x.societies AS societies_json, m.status, m.score, m.created_at,
                   ev.contacted_at, ev.accepted_at, ev.declined_at, ev.visited_at, ev.solved_at, ev.unsolved_at, ev.withdrawn_at,
                   ev.profit_added_yuan, ev.patents, ev.standards, ev.awards, ev.projects, r.rating
            FROM matches m
            JOIN problems p ON p.tenant_id = m.tenant_id AND p.id = m.problem_id
            JOIN experts x ON x.id = m.expert_id
            LEFT JOIN enterprises c ON c.tenant_id = p.tenant_id AND c.id = p.enterprise_id
            LEFT JOIN (
                SELECT match_id,
                       MAX(CASE WHEN status = 'contacted' THEN occurred_at END) AS contacted_at,
                       MAX(CASE WHEN status = 'accepted' THEN occurred_at END) AS accepted_at,
                       MAX(CASE WHEN status = 'declined' THEN occurred_at END) AS declined_at,
                       MAX(CASE WHEN status = 'visited' THEN occurred_at END) AS visited_at,
                       MAX(CASE WHEN status = 'solved' THEN occurred_at END) AS solved_at,
                       MAX(CASE WHEN status = 'unsolved' THEN occurred_at END) AS unsolved_at,
                       MAX(CASE WHEN status = 'withdrawn' THEN occurred_at END) AS withdrawn_at,
                       SUM(profit_added_yuan) AS profit_added_yuan, SUM(patents) AS patents, SUM(standards) AS standards,
                       SUM(awards) AS awards, SUM(projects) AS projects,
                       MAX(CASE WHEN rating IS NOT NULL THEN id END) AS rated_event
                FROM match_events
                GROUP BY match_id
            ) ev ON ev.match_id = m.id
            LEFT JOIN match_events r ON r.id = ev.rated_event
            WHERE (@tenant IS NULL OR m.tenant_id = @tenant)
              AND m.created_at >= @start AND m.created_at < @end
              AND (@region IS NULL OR p.region LIKE @region ESCAPE '\')
              AND (@industry IS NULL OR p.industry = @industry)
              AND (@status IS NULL OR m.status = @status)
            ORDER BY m.id
            """;
    }

    private readonly Sql _sql = new(database.Dialect);

    /// <summary>The matches <paramref name="filter"/> takes, oldest first, each read from the database as it is asked for.</summary>
    public async IAsyncEnumerable<MatchExportRow> RowsAsync(MatchExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(_sql.Matches, new
        {
            tenant = filter.Tenant, start = database.Time(filter.Start), end = database.Time(filter.End),
            region = filter.Region is null ? null : $"%{EscapeLike(filter.Region)}%", industry = filter.Industry,
            status = filter.Status is { } status ? EnumColumn.Write(status) : null,
        });
        var parse = reader.GetRowParser<MatchExportRow>();
        while (await reader.ReadAsync(cancellationToken)) yield return parse(reader);
    }

    // The region is matched as text: its own %, _ (and, for SQL Server, [) are not wildcards.
    private static string EscapeLike(string text) => string.Concat(text.Select(c => c is '\\' or '%' or '_' or '[' ? $"\\{c}" : c.ToString()));
}
