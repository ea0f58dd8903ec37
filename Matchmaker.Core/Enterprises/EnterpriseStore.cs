using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Enterprises;

/// <summary>SQL for enterprises, always within one tenant.</summary>
public sealed class EnterpriseStore(Database database)
{
    private const string Columns = "id, name, industry, region, size";

    public Enterprise? Find(string tenant, string id)
    {
        using var connection = database.Open();
        return connection.Query<Row>($"SELECT {Columns} FROM enterprises WHERE tenant_id = @tenant AND id = @id", new { tenant, id })
            .Select(r => r.ToEnterprise()).SingleOrDefault();
    }

    public (IReadOnlyList<Enterprise> Items, int Total) Page(string tenant, int page, int pageSize)
    {
        using var connection = database.Open();
        var total = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM enterprises WHERE tenant_id = @tenant", new { tenant });
        var items = connection.Query<Row>(
                $"SELECT {Columns} FROM enterprises WHERE tenant_id = @tenant ORDER BY id LIMIT @take OFFSET @skip",
                new { tenant, take = pageSize, skip = (page - 1) * pageSize })
            .Select(r => r.ToEnterprise()).ToList();
        return (items, total);
    }

    public IReadOnlySet<string> ExistingIds(string tenant, IEnumerable<string> ids)
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT id FROM enterprises WHERE tenant_id = @tenant AND id IN @ids",
            new { tenant, ids = ids.Distinct().ToList() }).ToHashSet(StringComparer.Ordinal);
    }

    public void Upsert(string tenant, IReadOnlyCollection<Enterprise> enterprises)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var now = DateTimeOffset.UtcNow.ToString("O");
        connection.Execute("""
            INSERT INTO enterprises (tenant_id, id, name, industry, region, size, updated_at)
            VALUES (@tenant, @Id, @Name, @Industry, @Region, @Size, @now)
            ON CONFLICT (tenant_id, id) DO UPDATE SET
                name = excluded.name, industry = excluded.industry, region = excluded.region, size = excluded.size,
                updated_at = excluded.updated_at
            """,
            enterprises.Select(e => new
            {
                tenant, e.Id, e.Name, e.Industry, e.Region, Size = e.Size is { } size ? EnumColumn.Write(size) : null, now,
            }),
            transaction);
        transaction.Commit();
    }

    /// <summary>False when unknown. Throws <see cref="ConflictException"/> while problems still refer to it.</summary>
    public bool Delete(string tenant, string id)
    {
        using var connection = database.Open();
        var problems = connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM problems WHERE tenant_id = @tenant AND enterprise_id = @id", new { tenant, id });
        if (problems > 0) throw new ConflictException($"Enterprise {id} still has {problems} problem(s); delete or move them first.");
        return connection.Execute("DELETE FROM enterprises WHERE tenant_id = @tenant AND id = @id", new { tenant, id }) > 0;
    }

    private sealed record Row(string Id, string Name, string? Industry, string? Region, string? Size)
    {
        public Enterprise ToEnterprise() => new()
        {
            Id = Id, Name = Name, Industry = Industry, Region = Region,
            Size = Size is null ? null : EnumColumn.Read<EnterpriseSize>(Size),
        };
    }
}
