using System.Data.Common;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Societies;

/// <summary>SQL for societies.</summary>
public sealed class SocietyStore(Database database)
{
    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string All => "SELECT id, name, level FROM societies ORDER BY id";
        public string Upsert { get; } = dialect.Upsert("societies", key: "id", columns: "id, name, level", values: "@Id, @Name, @Level");
    }

    private readonly Sql _sql = new(database.Dialect);

    public Task<List<Society>> AllAsync() => database.ReadAsync(async connection =>
        (await connection.QueryAsync<(string Id, string Name, string Level)>(_sql.All))
            .Select(r => new Society(r.Id, r.Name, EnumColumn.Read<SocietyLevel>(r.Level))).ToList());

    public Task UpsertAsync(IReadOnlyCollection<Society> societies, DbTransaction? transaction = null) =>
        database.WriteAsync(transaction, (connection, tx) =>
            connection.ExecuteAsync(_sql.Upsert, societies.Select(s => new { s.Id, s.Name, Level = EnumColumn.Write(s.Level) }), tx));
}
