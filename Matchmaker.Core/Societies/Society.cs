using System.Text.Json.Serialization;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Societies;

[JsonConverter(typeof(JsonStringEnumConverter<SocietyLevel>))]
public enum SocietyLevel
{
    [JsonStringEnumMemberName("national")] National,
    [JsonStringEnumMemberName("provincial")] Provincial,
    [JsonStringEnumMemberName("municipal")] Municipal,
}

/// <summary>An academic society (学会) at national, provincial or municipal level.</summary>
public sealed record Society(string Id, string Name, SocietyLevel Level);

/// <summary>SQL for societies.</summary>
public sealed class SocietyStore(Database database)
{
    public IReadOnlyList<Society> All()
    {
        using var connection = database.Open();
        return connection.Query<(string Id, string Name, string Level)>("SELECT id, name, level FROM societies ORDER BY id")
            .Select(r => new Society(r.Id, r.Name, EnumColumn.Read<SocietyLevel>(r.Level))).ToList();
    }

    public void Upsert(IReadOnlyCollection<Society> societies)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute("""
            INSERT INTO societies (id, name, level) VALUES (@Id, @Name, @Level)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level
            """,
            societies.Select(s => new { s.Id, s.Name, Level = EnumColumn.Write(s.Level) }), transaction);
        transaction.Commit();
    }
}
