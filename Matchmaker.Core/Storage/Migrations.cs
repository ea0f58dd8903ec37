using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Matchmaker.Core.Storage;

/// <summary>
/// Applies the numbered scripts in <c>Storage/Migrations/{provider}</c> (embedded resources) in order, once each,
/// recording them in <c>schema_migrations</c>. Each provider has the same scripts by name (a test keeps them twins).
/// All pending scripts and their records commit together, under the provider's migration lock, so that instances
/// starting at once migrate once.
/// </summary>
public static class Migrations
{
    /// <summary>The scripts of <paramref name="dialect"/>'s provider as (name, text), in order.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Scripts(SqlDialect dialect)
    {
        var prefix = $".Migrations.{dialect.MigrationsFolder}.";
        return typeof(Migrations).Assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal) && name.Contains(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(resource => (Name: resource[(resource.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..^".sql".Length], Sql: Read(resource)))
            .ToList();
    }

    public static IReadOnlyList<string> Apply(DbConnection connection, SqlDialect dialect)
    {
        using var transaction = connection.BeginTransaction();
        // The lock first: two instances creating the table at once would otherwise race on SQL Server.
        dialect.LockMigrations(connection, transaction);
        connection.Execute(dialect.CreateMigrationsTable, transaction: transaction);
        var applied = connection.Query<string>("SELECT name FROM schema_migrations", transaction: transaction).ToHashSet();
        var now = new List<string>();
        foreach (var (name, sql) in Scripts(dialect))
        {
            if (applied.Contains(name)) continue;
            connection.Execute(sql, transaction: transaction);
            connection.Execute("INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @at)",
                new { name, at = dialect.Time(DateTimeOffset.UtcNow) }, transaction);
            now.Add(name);
        }
        transaction.Commit();
        return now;
    }

    private static string Read(string resource)
    {
        using var stream = typeof(Migrations).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
