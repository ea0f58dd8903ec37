using System.Data.Common;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Conflicts;

/// <summary>SQL for declared conflicts of interest, always within one tenant (the enterprise's), and for a problem's exclusions.</summary>
public sealed class ConflictStore(Database database, TimeProvider clock)
{
    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Upsert { get; } = dialect.Upsert("expert_conflicts", key: "tenant_id, expert_id, enterprise_id",
            columns: "tenant_id, expert_id, enterprise_id, reason, created_at, created_by",
            values: "@tenant, @expertId, @EnterpriseId, @Reason, @now, @createdBy");

        public string Find => """
            SELECT expert_id, enterprise_id, reason, created_at, created_by FROM expert_conflicts
            WHERE tenant_id = @tenant AND expert_id = @expertId AND enterprise_id = @enterpriseId
            """;

        public string ForExpert => """
            SELECT expert_id, enterprise_id, reason, created_at, created_by FROM expert_conflicts
            WHERE tenant_id = @tenant AND expert_id = @expertId ORDER BY enterprise_id
            """;

        public string Delete => "DELETE FROM expert_conflicts WHERE tenant_id = @tenant AND expert_id = @expertId AND enterprise_id = @enterpriseId";

        // A problem's exclusions in one round trip: the enterprise's name (kind 0), the experts who declared a conflict
        // with it (1) and those who declined the problem (2).
        public string Exclusions => """
            SELECT 0 AS kind, name AS value FROM enterprises WHERE tenant_id = @tenant AND id = @enterpriseId
            UNION ALL
            SELECT 1, expert_id FROM expert_conflicts WHERE tenant_id = @tenant AND enterprise_id = @enterpriseId
            UNION ALL
            SELECT 2, expert_id FROM matches WHERE tenant_id = @tenant AND problem_id = @problemId AND status = 'declined'
            """;
    }

    private readonly Sql _sql = new(database.Dialect);

    /// <summary>Records (or restates) a conflict; the caller has checked that the expert and the enterprise exist.</summary>
    public Task<ConflictOfInterest> AddAsync(string tenant, string expertId, NewConflict conflict, string? createdBy, DbTransaction? transaction = null) =>
        database.WriteAsync(transaction, async (connection, tx) =>
        {
            await connection.ExecuteAsync(_sql.Upsert,
                new { tenant, expertId, conflict.EnterpriseId, conflict.Reason, now = database.Time(clock.GetUtcNow()), createdBy }, tx);
            return (await connection.QuerySingleAsync<Row>(_sql.Find, new { tenant, expertId, enterpriseId = conflict.EnterpriseId }, tx)).ToConflict();
        });

    public Task<List<ConflictOfInterest>> ForExpertAsync(string tenant, string expertId) => database.ReadAsync(async connection =>
        (await connection.QueryAsync<Row>(_sql.ForExpert, new { tenant, expertId })).Select(r => r.ToConflict()).ToList());

    public Task<bool> DeleteAsync(string tenant, string expertId, string enterpriseId) => database.WriteAsync(null, async (connection, tx) =>
        await connection.ExecuteAsync(_sql.Delete, new { tenant, expertId, enterpriseId }, tx) > 0);

    /// <summary>
    /// What a ranking for a problem of <paramref name="enterpriseId"/> (and, when given, for <paramref name="problemId"/>
    /// itself) must leave out, in one round trip: the enterprise's name, the experts who declared a conflict with it,
    /// and those who declined the problem.
    /// </summary>
    public Task<Exclusions> ExclusionsAsync(string tenant, string? enterpriseId, string? problemId, DbTransaction? transaction = null) =>
        enterpriseId is null && problemId is null ? Task.FromResult(Exclusions.None) : ReadExclusionsAsync(tenant, enterpriseId, problemId, transaction);

    private Task<Exclusions> ReadExclusionsAsync(string tenant, string? enterpriseId, string? problemId, DbTransaction? transaction) =>
        database.ReadAsync(transaction, async (connection, tx) =>
    {
        var experts = new Dictionary<string, ExclusionReason>(StringComparer.Ordinal);
        string? organization = null;
        foreach (var row in await connection.QueryAsync<ExclusionRow>(_sql.Exclusions, new { tenant, enterpriseId, problemId }, tx))
        {
            if (row.Kind == 0) organization = OrganizationNames.Key(row.Value);
            else if (row.Kind == 1) experts[row.Value] = ExclusionReason.DeclaredConflict; // a declaration outranks a decline
            else experts.TryAdd(row.Value, ExclusionReason.DeclinedBefore);
        }
        return organization is null && experts.Count == 0 ? Exclusions.None : new Exclusions(organization, experts);
    });

    private sealed class ExclusionRow
    {
        public int Kind { get; init; }
        public string Value { get; init; } = "";
    }

    private sealed class Row
    {
        public string ExpertId { get; init; } = "";
        public string EnterpriseId { get; init; } = "";
        public string? Reason { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string? CreatedBy { get; init; }

        public ConflictOfInterest ToConflict() => new(ExpertId, EnterpriseId, Reason, CreatedAt, CreatedBy);
    }
}
