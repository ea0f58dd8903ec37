using System.Data.Common;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Problems;

/// <summary>SQL for problems, always within one tenant.</summary>
public sealed class ProblemStore(Database database)
{
    private const string Columns = "id, enterprise_id, title, description, industry, region, keywords, urgency, status, posted_at";

    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Find => $"SELECT {Columns} FROM problems WHERE tenant_id = @tenant AND id = @id";
        public string Count => "SELECT COUNT(*) FROM problems WHERE tenant_id = @tenant";
        public string Page { get; } = $"SELECT {Columns} FROM problems WHERE tenant_id = @tenant ORDER BY id {dialect.Page}";
        public string All => $"SELECT {Columns} FROM problems WHERE tenant_id = @tenant ORDER BY id";
        public string Many => $"SELECT {Columns} FROM problems WHERE tenant_id = @tenant AND id IN @ids";
        public string ExistingIds => "SELECT id FROM problems WHERE tenant_id = @tenant AND id IN @ids";

        public string Upsert { get; } = dialect.Upsert("problems", key: "tenant_id, id",
            columns: "tenant_id, id, enterprise_id, title, description, industry, region, keywords, urgency, status, posted_at, updated_at",
            values: "@tenant, @Id, @EnterpriseId, @Title, @Description, @Industry, @Region, @Keywords, @Urgency, @Status, @PostedAt, @now");

        public string MatchCount => "SELECT COUNT(*) FROM matches WHERE tenant_id = @tenant AND problem_id = @id";
        public string Delete => "DELETE FROM problems WHERE tenant_id = @tenant AND id = @id";
    }

    private readonly Sql _sql = new(database.Dialect);

    public Task<Problem?> FindAsync(string tenant, string id) => database.ReadAsync(async connection =>
        (await connection.QuerySingleOrDefaultAsync<Row>(_sql.Find, new { tenant, id }))?.ToProblem());

    public Task<(IReadOnlyList<Problem> Items, int Total)> PageAsync(string tenant, int page, int pageSize) =>
        database.TenantPageAsync<Row, Problem>(_sql.Count, _sql.Page, tenant, page, pageSize, r => r.ToProblem());

    /// <summary>Every problem of the tenant, by id (what a job's filter reads).</summary>
    public Task<List<Problem>> AllAsync(string tenant) => database.ReadAsync(async connection =>
        (await connection.QueryAsync<Row>(_sql.All, new { tenant })).Select(r => r.ToProblem()).ToList());

    /// <summary>The tenant's problems of these ids that exist (in sets small enough for one query each).</summary>
    public Task<List<Problem>> ManyAsync(string tenant, IEnumerable<string> ids, DbTransaction? transaction = null) =>
        database.ReadAsync(transaction, async (connection, tx) =>
        {
            var found = new List<Problem>();
            foreach (var chunk in Database.Chunks(ids))
                found.AddRange((await connection.QueryAsync<Row>(_sql.Many, new { tenant, ids = chunk }, tx)).Select(r => r.ToProblem()));
            return found;
        });

    public Task<HashSet<string>> ExistingIdsAsync(string tenant, IEnumerable<string> ids, DbTransaction? transaction = null) =>
        database.ExistingIdsAsync(_sql.ExistingIds, ids, tenant, transaction);

    /// <summary>Inserts or replaces the problems in one transaction: the caller's, or one of its own.</summary>
    public Task UpsertAsync(string tenant, IReadOnlyCollection<Problem> problems, DbTransaction? transaction = null) =>
        database.WriteAsync(transaction, (connection, tx) =>
        {
            var now = database.Time(DateTimeOffset.UtcNow);
            return connection.ExecuteAsync(_sql.Upsert, problems.Select(p => new
            {
                tenant, p.Id, p.EnterpriseId, p.Title, p.Description, p.Industry, p.Region,
                Keywords = JsonColumn.Write(p.Keywords), Urgency = EnumColumn.Write(p.Urgency),
                Status = EnumColumn.Write(p.Status), PostedAt = p.PostedAt is { } posted ? database.Time(posted) : null, now,
            }), tx);
        });

    /// <summary>False when unknown. Throws <see cref="ConflictException"/> while matches refer to it.</summary>
    public Task<bool> DeleteAsync(string tenant, string id) => database.WriteAsync(null, async (connection, tx) =>
    {
        var matches = await connection.ExecuteScalarAsync<int>(_sql.MatchCount, new { tenant, id }, tx);
        if (matches > 0) throw new ConflictException($"Problem {id} has {matches} match(es); close it (status=closed) instead of deleting it.");
        return await connection.ExecuteAsync(_sql.Delete, new { tenant, id }, tx) > 0;
    });

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string? EnterpriseId { get; init; }
        public string? Title { get; init; }
        public string? Description { get; init; }
        public string? Industry { get; init; }
        public string? Region { get; init; }
        public string Keywords { get; init; } = "[]";
        public string Urgency { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset? PostedAt { get; init; }

        public Problem ToProblem() => new()
        {
            Id = Id, EnterpriseId = EnterpriseId, Title = Title, Description = Description, Industry = Industry,
            Region = Region, Keywords = JsonColumn.Read(Keywords), Urgency = EnumColumn.Read<Urgency>(Urgency),
            Status = EnumColumn.Read<ProblemStatus>(Status), PostedAt = PostedAt,
        };
    }
}
