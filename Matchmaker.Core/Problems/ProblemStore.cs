using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Problems;

/// <summary>SQL for problems, always within one tenant.</summary>
public sealed class ProblemStore(Database database)
{
    private const string Columns = "id, enterprise_id, title, description, industry, region, keywords, urgency, status, posted_at";

    public Problem? Find(string tenant, string id)
    {
        using var connection = database.Open();
        return connection.Query<Row>($"SELECT {Columns} FROM problems WHERE tenant_id = @tenant AND id = @id", new { tenant, id })
            .Select(r => r.ToProblem()).SingleOrDefault();
    }

    public (IReadOnlyList<Problem> Items, int Total) Page(string tenant, int page, int pageSize)
    {
        using var connection = database.Open();
        var total = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM problems WHERE tenant_id = @tenant", new { tenant });
        var items = connection.Query<Row>(
                $"SELECT {Columns} FROM problems WHERE tenant_id = @tenant ORDER BY id LIMIT @take OFFSET @skip",
                new { tenant, take = pageSize, skip = (page - 1) * pageSize })
            .Select(r => r.ToProblem()).ToList();
        return (items, total);
    }

    public IReadOnlySet<string> ExistingIds(string tenant, IEnumerable<string> ids)
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT id FROM problems WHERE tenant_id = @tenant AND id IN @ids",
            new { tenant, ids = ids.Distinct().ToList() }).ToHashSet(StringComparer.Ordinal);
    }

    public void Upsert(string tenant, IReadOnlyCollection<Problem> problems)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var now = DateTimeOffset.UtcNow.ToString("O");
        connection.Execute("""
            INSERT INTO problems (tenant_id, id, enterprise_id, title, description, industry, region, keywords, urgency, status, posted_at, updated_at)
            VALUES (@tenant, @Id, @EnterpriseId, @Title, @Description, @Industry, @Region, @Keywords, @Urgency, @Status, @PostedAt, @now)
            ON CONFLICT (tenant_id, id) DO UPDATE SET
                enterprise_id = excluded.enterprise_id, title = excluded.title, description = excluded.description,
                industry = excluded.industry, region = excluded.region, keywords = excluded.keywords,
                urgency = excluded.urgency, status = excluded.status, posted_at = excluded.posted_at,
                updated_at = excluded.updated_at
            """,
            problems.Select(p => new
            {
                tenant, p.Id, p.EnterpriseId, p.Title, p.Description, p.Industry, p.Region,
                Keywords = JsonColumn.Write(p.Keywords), Urgency = EnumColumn.Write(p.Urgency),
                Status = EnumColumn.Write(p.Status), PostedAt = p.PostedAt?.ToString("O"), now,
            }),
            transaction);
        transaction.Commit();
    }

    /// <summary>False when unknown. Throws <see cref="ConflictException"/> while matches refer to it.</summary>
    public bool Delete(string tenant, string id)
    {
        using var connection = database.Open();
        var matches = connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM matches WHERE tenant_id = @tenant AND problem_id = @id", new { tenant, id });
        if (matches > 0) throw new ConflictException($"Problem {id} has {matches} match(es); close it (status=closed) instead of deleting it.");
        return connection.Execute("DELETE FROM problems WHERE tenant_id = @tenant AND id = @id", new { tenant, id }) > 0;
    }

    private sealed record Row(
        string Id, string? EnterpriseId, string? Title, string? Description, string? Industry, string? Region,
        string Keywords, string Urgency, string Status, string? PostedAt)
    {
        public Problem ToProblem() => new()
        {
            Id = Id, EnterpriseId = EnterpriseId, Title = Title, Description = Description, Industry = Industry,
            Region = Region, Keywords = JsonColumn.Read(Keywords), Urgency = EnumColumn.Read<Urgency>(Urgency),
            Status = EnumColumn.Read<ProblemStatus>(Status),
            PostedAt = PostedAt is null ? null : DateTimeOffset.Parse(PostedAt, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
