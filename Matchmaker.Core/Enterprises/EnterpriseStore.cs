using System.Data.Common;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Enterprises;

/// <summary>SQL for enterprises, always within one tenant.</summary>
public sealed class EnterpriseStore(Database database)
{
    private const string Columns = "id, name, industry, region, size";

    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Find => $"SELECT {Columns} FROM enterprises WHERE tenant_id = @tenant AND id = @id";
        public string Count => "SELECT COUNT(*) FROM enterprises WHERE tenant_id = @tenant";
        public string Page { get; } = $"SELECT {Columns} FROM enterprises WHERE tenant_id = @tenant ORDER BY id {dialect.Page}";
        public string ExistingIds => "SELECT id FROM enterprises WHERE tenant_id = @tenant AND id IN @ids";

        public string Upsert { get; } = dialect.Upsert("enterprises", key: "tenant_id, id",
            columns: "tenant_id, id, name, industry, region, size, updated_at",
            values: "@tenant, @Id, @Name, @Industry, @Region, @Size, @now");

        public string ProblemCount => "SELECT COUNT(*) FROM problems WHERE tenant_id = @tenant AND enterprise_id = @id";
        public string Delete => "DELETE FROM enterprises WHERE tenant_id = @tenant AND id = @id";
    }

    private readonly Sql _sql = new(database.Dialect);

    public Task<Enterprise?> FindAsync(string tenant, string id) => database.ReadAsync(async connection =>
        (await connection.QuerySingleOrDefaultAsync<Row>(_sql.Find, new { tenant, id }))?.ToEnterprise());

    public Task<(IReadOnlyList<Enterprise> Items, int Total)> PageAsync(string tenant, int page, int pageSize) =>
        database.TenantPageAsync<Row, Enterprise>(_sql.Count, _sql.Page, tenant, page, pageSize, r => r.ToEnterprise());

    public Task<HashSet<string>> ExistingIdsAsync(string tenant, IEnumerable<string> ids, DbTransaction? transaction = null) =>
        database.ExistingIdsAsync(_sql.ExistingIds, ids, tenant, transaction);

    /// <summary>Inserts or replaces the enterprises in one transaction: the caller's, or one of its own.</summary>
    public Task UpsertAsync(string tenant, IReadOnlyCollection<Enterprise> enterprises, DbTransaction? transaction = null) =>
        database.WriteAsync(transaction, (connection, tx) =>
        {
            var now = database.Time(DateTimeOffset.UtcNow);
            return connection.ExecuteAsync(_sql.Upsert, enterprises.Select(e => new
            {
                tenant, e.Id, e.Name, e.Industry, e.Region, Size = e.Size is { } size ? EnumColumn.Write(size) : null, now,
            }), tx);
        });

    /// <summary>False when unknown. Throws <see cref="ConflictException"/> while problems still refer to it.</summary>
    public Task<bool> DeleteAsync(string tenant, string id) => database.WriteAsync(null, async (connection, tx) =>
    {
        var problems = await connection.ExecuteScalarAsync<int>(_sql.ProblemCount, new { tenant, id }, tx);
        if (problems > 0) throw new ConflictException($"Enterprise {id} still has {problems} problem(s); delete or move them first.");
        return await connection.ExecuteAsync(_sql.Delete, new { tenant, id }, tx) > 0;
    });

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Industry { get; init; }
        public string? Region { get; init; }
        public string? Size { get; init; }

        public Enterprise ToEnterprise() => new()
        {
            Id = Id, Name = Name, Industry = Industry, Region = Region,
            Size = Size is null ? null : EnumColumn.Read<EnterpriseSize>(Size),
        };
    }
}
