using System.Data;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Experts;

/// <summary>SQL for experts and their works. Every write raises <see cref="Changed"/> so the ranking index can follow.</summary>
public sealed class ExpertStore(Database database)
{
    /// <summary>Raised after experts were written or deleted, with their ids.</summary>
    public event Action<IReadOnlyCollection<string>>? Changed;

    public int Count()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM experts");
    }

    public Expert? Find(string id)
    {
        using var connection = database.Open();
        return Load(connection, "WHERE id = @id", new { id }).SingleOrDefault();
    }

    public IReadOnlyList<Expert> All()
    {
        using var connection = database.Open();
        return Load(connection, "", null);
    }

    public (IReadOnlyList<Expert> Items, int Total) Page(int page, int pageSize)
    {
        using var connection = database.Open();
        var total = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM experts");
        var items = Load(connection, "ORDER BY id LIMIT @take OFFSET @skip",
            new { take = pageSize, skip = (page - 1) * pageSize });
        return (items, total);
    }

    public IReadOnlySet<string> ExistingIds(IEnumerable<string> ids)
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT id FROM experts WHERE id IN @ids", new { ids = ids.Distinct().ToList() })
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Inserts or replaces the experts (works included) in one transaction.</summary>
    public void Upsert(IReadOnlyCollection<Expert> experts)
    {
        if (experts.Count == 0) return;
        using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            var now = DateTimeOffset.UtcNow.ToString("O");
            foreach (var expert in experts) Write(connection, transaction, expert, now);
            transaction.Commit();
        }
        Changed?.Invoke(experts.Select(e => e.Id).ToList());
    }

    /// <summary>Deletes an expert; false when unknown. Throws <see cref="ConflictException"/> when matches refer to it.</summary>
    public bool Delete(string id)
    {
        using (var connection = database.Open())
        {
            var matches = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM matches WHERE expert_id = @id", new { id });
            if (matches > 0) throw new ConflictException($"Expert {id} has {matches} match(es) and cannot be deleted; set available=false instead.");
            if (connection.Execute("DELETE FROM experts WHERE id = @id", new { id }) == 0) return false;
        }
        Changed?.Invoke([id]);
        return true;
    }

    private static void Write(IDbConnection connection, IDbTransaction transaction, Expert expert, string now)
    {
        connection.Execute("""
            INSERT INTO experts (id, name, kind, title, organization, societies, region, fields, profile, languages, capacity, available, updated_at)
            VALUES (@Id, @Name, @Kind, @Title, @Organization, @Societies, @Region, @Fields, @Profile, @Languages, @Capacity, @Available, @now)
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, kind = excluded.kind, title = excluded.title, organization = excluded.organization,
                societies = excluded.societies, region = excluded.region, fields = excluded.fields, profile = excluded.profile,
                languages = excluded.languages, capacity = excluded.capacity, available = excluded.available,
                updated_at = excluded.updated_at
            """,
            new
            {
                expert.Id, expert.Name, Kind = EnumColumn.Write(expert.Kind), expert.Title, expert.Organization,
                Societies = JsonColumn.Write(expert.Societies), expert.Region, Fields = JsonColumn.Write(expert.Fields),
                expert.Profile, Languages = JsonColumn.Write(expert.Languages), expert.Capacity, expert.Available, now,
            },
            transaction);
        connection.Execute("DELETE FROM expert_works WHERE expert_id = @Id", new { expert.Id }, transaction);
        connection.Execute("""
            INSERT INTO expert_works (expert_id, seq, kind, title, abstract, keywords, year)
            VALUES (@ExpertId, @Seq, @Kind, @Title, @Abstract, @Keywords, @Year)
            """,
            expert.Works.Select((work, seq) => new
            {
                ExpertId = expert.Id, Seq = seq, Kind = EnumColumn.Write(work.Kind), work.Title, work.Abstract,
                Keywords = JsonColumn.Write(work.Keywords), work.Year,
            }),
            transaction);
    }

    private static List<Expert> Load(IDbConnection connection, string whereAndOrder, object? parameters)
    {
        var rows = connection.Query<ExpertRow>(
            $"SELECT id, name, kind, title, organization, societies, region, fields, profile, languages, capacity, available FROM experts {whereAndOrder}",
            parameters).ToList();
        if (rows.Count == 0) return [];
        var works = (rows.Count == 1
                ? connection.Query<WorkRow>(WorksSql + " WHERE expert_id = @id ORDER BY seq", new { id = rows[0].Id })
                : connection.Query<WorkRow>(WorksSql + " WHERE expert_id IN (SELECT id FROM experts " + whereAndOrder + ") ORDER BY expert_id, seq", parameters))
            .ToLookup(w => w.ExpertId);
        return rows.Select(row => row.ToExpert(works[row.Id])).ToList();
    }

    private const string WorksSql = "SELECT expert_id, seq, kind, title, abstract, keywords, year FROM expert_works";

    private sealed record ExpertRow(
        string Id, string Name, string Kind, string? Title, string? Organization, string Societies, string? Region,
        string Fields, string? Profile, string Languages, long Capacity, long Available)
    {
        public Expert ToExpert(IEnumerable<WorkRow> works) => new()
        {
            Id = Id, Name = Name, Kind = EnumColumn.Read<ExpertKind>(Kind), Title = Title, Organization = Organization,
            Societies = JsonColumn.Read(Societies), Region = Region, Fields = JsonColumn.Read(Fields), Profile = Profile,
            Languages = JsonColumn.Read(Languages), Capacity = (int)Capacity, Available = Available != 0,
            Works = works.Select(w => w.ToWork()).ToList(),
        };
    }

    private sealed record WorkRow(string ExpertId, long Seq, string Kind, string Title, string? Abstract, string Keywords, long? Year)
    {
        public Work ToWork() => new()
        {
            Kind = EnumColumn.Read<WorkKind>(Kind), Title = Title, Abstract = Abstract, Keywords = JsonColumn.Read(Keywords),
            Year = (int?)Year,
        };
    }
}
