using System.Data.Common;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Experts;

/// <summary>Changes written through this process: the experts, and the rows they left in <c>expert_changes</c>.</summary>
public sealed record ExpertChanges(IReadOnlyList<string> ExpertIds, IReadOnlyList<long> ChangeIds);

/// <summary>
/// SQL for experts and their works. Every write leaves a row per expert in <c>expert_changes</c> (which every
/// instance's ranking index follows) and, once committed, raises <see cref="Changed"/> so that this instance's
/// index applies it at once.
/// </summary>
public sealed class ExpertStore(Database database)
{
    private const string Columns = "id, name, kind, title, organization, societies, region, fields, profile, languages, capacity, available, available_from, available_to";
    private const string WorkColumns = "expert_id, seq, kind, title, abstract, keywords, year";

    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Count => "SELECT COUNT(*) FROM experts";
        public string Find => $"SELECT {Columns} FROM experts WHERE id = @id";
        public string FindWorks => $"SELECT {WorkColumns} FROM expert_works WHERE expert_id = @id ORDER BY seq";
        public string Many => $"SELECT {Columns} FROM experts WHERE id IN @ids";
        public string ManyWorks => $"SELECT {WorkColumns} FROM expert_works WHERE expert_id IN @ids ORDER BY expert_id, seq";
        public string All => $"SELECT {Columns} FROM experts ORDER BY id";
        public string AllWorks => $"SELECT {WorkColumns} FROM expert_works ORDER BY expert_id, seq";
        public string Page { get; } = $"SELECT {Columns} FROM experts ORDER BY id {dialect.Page}";
        public string ExistingIds => "SELECT id FROM experts WHERE id IN @ids";

        public string Upsert { get; } = dialect.Upsert("experts", key: "id",
            columns: "id, name, kind, title, organization, societies, region, fields, profile, languages, capacity, available, available_from, available_to, updated_at",
            values: "@Id, @Name, @Kind, @Title, @Organization, @Societies, @Region, @Fields, @Profile, @Languages, @Capacity, @Available, @AvailableFrom, @AvailableTo, @now");

        public string DeleteWorks => "DELETE FROM expert_works WHERE expert_id = @Id";
        public string InsertWork => $"INSERT INTO expert_works ({WorkColumns}) VALUES (@ExpertId, @Seq, @Kind, @Title, @Abstract, @Keywords, @Year)";
        public string InsertChange { get; } = dialect.InsertChange("expert_changes", "expert_id, changed_at", "@id, @now");
        public string MatchCount => "SELECT COUNT(*) FROM matches WHERE expert_id = @id";
        public string Delete => "DELETE FROM experts WHERE id = @id";

        public string Changes { get; } = dialect.ChangesAfter("expert_changes", "expert_id");
        public string LastChange { get; } = dialect.ChangeMark("expert_changes");
        public string PruneChanges => "DELETE FROM expert_changes WHERE changed_at < @before";
    }

    private readonly Sql _sql = new(database.Dialect);

    /// <summary>Raised after a write of this store's own transaction has committed (a caller's transaction is followed through <c>expert_changes</c>).</summary>
    public event Func<ExpertChanges, Task>? Changed;

    public Task<int> CountAsync(DbTransaction? transaction = null) =>
        database.ReadAsync(transaction, (connection, tx) => connection.ExecuteScalarAsync<int>(_sql.Count, transaction: tx));

    public Task<Expert?> FindAsync(string id) => database.ReadAsync(async connection =>
    {
        var row = await connection.QuerySingleOrDefaultAsync<ExpertRow>(_sql.Find, new { id });
        return row?.ToExpert(await connection.QueryAsync<WorkRow>(_sql.FindWorks, new { id }));
    });

    /// <summary>The experts of <paramref name="ids"/> that exist, in no particular order.</summary>
    public Task<List<Expert>> ManyAsync(IEnumerable<string> ids) => database.ReadAsync(async connection =>
    {
        var experts = new List<Expert>();
        foreach (var chunk in Database.Chunks(ids))
            experts.AddRange(Join(await connection.QueryAsync<ExpertRow>(_sql.Many, new { ids = chunk }),
                await connection.QueryAsync<WorkRow>(_sql.ManyWorks, new { ids = chunk })));
        return experts;
    });

    public Task<List<Expert>> AllAsync() => database.ReadAsync(async connection =>
        Join(await connection.QueryAsync<ExpertRow>(_sql.All), await connection.QueryAsync<WorkRow>(_sql.AllWorks)));

    /// <summary>Every expert without their works (what filters and capacities read: a pool of a job, not a ranking).</summary>
    public Task<List<Expert>> AllWithoutWorksAsync() => database.ReadAsync(async connection =>
        (await connection.QueryAsync<ExpertRow>(_sql.All)).Select(row => row.ToExpert([])).ToList());

    public Task<(IReadOnlyList<Expert> Items, int Total)> PageAsync(int page, int pageSize) => database.ReadAsync(async connection =>
    {
        var total = await connection.ExecuteScalarAsync<int>(_sql.Count);
        var rows = (await connection.QueryAsync<ExpertRow>(_sql.Page, new { take = pageSize, skip = (page - 1) * pageSize })).ToList();
        var works = rows.Count == 0 ? [] : await connection.QueryAsync<WorkRow>(_sql.ManyWorks, new { ids = rows.Select(r => r.Id).ToList() });
        return ((IReadOnlyList<Expert>)Join(rows, works), total);
    });

    public Task<HashSet<string>> ExistingIdsAsync(IEnumerable<string> ids, DbTransaction? transaction = null) =>
        database.ExistingIdsAsync(_sql.ExistingIds, ids, null, transaction);

    /// <summary>Inserts or replaces the experts (works included) in one transaction: the caller's, or one of its own.</summary>
    public async Task UpsertAsync(IReadOnlyCollection<Expert> experts, DbTransaction? transaction = null, Func<DbTransaction, Task>? alongside = null)
    {
        if (experts.Count == 0) return;
        var changeIds = await database.WriteAsync(transaction, async (connection, tx) =>
        {
            var now = database.Time(DateTimeOffset.UtcNow);
            var ids = new List<long>(experts.Count);
            foreach (var expert in experts) ids.Add(await Write(connection, tx, expert, now));
            if (alongside is not null) await alongside(tx); // what the caller writes with them (an import's conflicts), committed together
            return ids;
        });
        if (transaction is null) await RaiseChanged(new ExpertChanges(experts.Select(e => e.Id).ToList(), changeIds));
    }

    /// <summary>Deletes an expert; false when unknown. Throws <see cref="ConflictException"/> when matches refer to it.</summary>
    public async Task<bool> DeleteAsync(string id)
    {
        var changeId = await database.WriteAsync(null, async (connection, tx) =>
        {
            var matches = await connection.ExecuteScalarAsync<int>(_sql.MatchCount, new { id }, tx);
            if (matches > 0) throw new ConflictException($"Expert {id} has {matches} match(es) and cannot be deleted; set available=false instead.");
            if (await connection.ExecuteAsync(_sql.Delete, new { id }, tx) == 0) return (long?)null;
            return await connection.ExecuteScalarAsync<long>(_sql.InsertChange, new { id, now = database.Time(DateTimeOffset.UtcNow) }, tx);
        });
        if (changeId is not { } change) return false;
        await RaiseChanged(new ExpertChanges([id], [change]));
        return true;
    }

    /// <summary>The committed rows of <c>expert_changes</c> after position <paramref name="after"/>, in order.</summary>
    public Task<List<(long Position, string ExpertId)>> ChangesAsync(long after) => database.ReadAsync(async connection =>
        (await connection.QueryAsync<(long, string)>(_sql.Changes, new { after })).ToList());

    /// <summary>The position up to which every change has committed (0 when there is none).</summary>
    public Task<long> LastChangeAsync() => database.ReadAsync(c => c.ExecuteScalarAsync<long>(_sql.LastChange));

    /// <summary>Forgets change rows older than <paramref name="before"/>: every instance has long followed them.</summary>
    public Task<int> PruneChangesAsync(DateTimeOffset before) =>
        database.WriteAsync(null, (connection, tx) => connection.ExecuteAsync(_sql.PruneChanges, new { before = database.Time(before) }, tx));

    // Awaited, so that the writer's next request finds its change in this instance's index.
    private async Task RaiseChanged(ExpertChanges changes)
    {
        if (Changed is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<ExpertChanges, Task>>()) await handler(changes);
    }

    private async Task<long> Write(DbConnection connection, DbTransaction transaction, Expert expert, object now)
    {
        await connection.ExecuteAsync(_sql.Upsert, new
        {
            expert.Id, expert.Name, Kind = EnumColumn.Write(expert.Kind), expert.Title, expert.Organization,
            Societies = JsonColumn.Write(expert.Societies), expert.Region, Fields = JsonColumn.Write(expert.Fields),
            expert.Profile, Languages = JsonColumn.Write(expert.Languages), expert.Capacity, expert.Available, now,
            AvailableFrom = DateColumn.Write(expert.AvailableFrom), AvailableTo = DateColumn.Write(expert.AvailableTo),
        }, transaction);
        await connection.ExecuteAsync(_sql.DeleteWorks, new { expert.Id }, transaction);
        await connection.ExecuteAsync(_sql.InsertWork, expert.Works.Select((work, seq) => new
        {
            ExpertId = expert.Id, Seq = seq, Kind = EnumColumn.Write(work.Kind), work.Title, work.Abstract,
            Keywords = JsonColumn.Write(work.Keywords), work.Year,
        }), transaction);
        return await connection.ExecuteScalarAsync<long>(_sql.InsertChange, new { id = expert.Id, now }, transaction);
    }

    private static List<Expert> Join(IEnumerable<ExpertRow> rows, IEnumerable<WorkRow> works)
    {
        var byExpert = works.ToLookup(w => w.ExpertId, StringComparer.Ordinal);
        return rows.Select(row => row.ToExpert(byExpert[row.Id])).ToList();
    }

    // Settable properties rather than positional records: Dapper converts each provider's column types into them
    // (SQLite's INTEGER arrives as a long, SQL Server's INT as an int and its BIT as a bool).
    private sealed class ExpertRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Title { get; init; }
        public string? Organization { get; init; }
        public string Societies { get; init; } = "[]";
        public string? Region { get; init; }
        public string Fields { get; init; } = "[]";
        public string? Profile { get; init; }
        public string Languages { get; init; } = "[]";
        public int Capacity { get; init; }
        public bool Available { get; init; }
        public string? AvailableFrom { get; init; }
        public string? AvailableTo { get; init; }

        public Expert ToExpert(IEnumerable<WorkRow> works) => new()
        {
            Id = Id, Name = Name, Kind = EnumColumn.Read<ExpertKind>(Kind), Title = Title, Organization = Organization,
            Societies = JsonColumn.Read(Societies), Region = Region, Fields = JsonColumn.Read(Fields), Profile = Profile,
            Languages = JsonColumn.Read(Languages), Capacity = Capacity, Available = Available,
            AvailableFrom = DateColumn.Read(AvailableFrom), AvailableTo = DateColumn.Read(AvailableTo),
            Works = works.Select(w => w.ToWork()).ToList(),
        };
    }

    private sealed class WorkRow
    {
        public string ExpertId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Abstract { get; init; }
        public string Keywords { get; init; } = "[]";
        public int? Year { get; init; }

        public Work ToWork() => new()
        {
            Kind = EnumColumn.Read<WorkKind>(Kind), Title = Title, Abstract = Abstract, Keywords = JsonColumn.Read(Keywords), Year = Year,
        };
    }
}
