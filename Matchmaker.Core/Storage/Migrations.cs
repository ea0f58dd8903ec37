using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Matchmaker.Core.Storage;

/// <summary>
/// Applies the numbered scripts in <c>Storage/Migrations/{provider}</c> (embedded resources) in order, once each,
/// recording them in <c>schema_migrations</c>. Each provider has the same scripts by name (a test keeps them twins).
/// All pending scripts and their records commit together, under the provider's migration lock, so that instances
/// starting at once migrate (and seed) once.
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

    /// <summary>
    /// Applies the pending scripts and then <paramref name="once"/> (start-up work such as seeding that must run in
    /// one instance only, and sees the scripts' tables) in one transaction under the migration lock. Returns the
    /// names of the scripts applied now.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(DbConnection connection, SqlDialect dialect, Func<DbTransaction, Task>? once = null)
    {
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        // The lock first: two instances creating the table at once would otherwise race on SQL Server.
        dialect.LockMigrations(connection, transaction);
        await connection.ExecuteAsync(dialect.CreateMigrationsTable, transaction: transaction).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<string>(dialect.AppliedMigrations, transaction: transaction).ConfigureAwait(false)).ToHashSet();
        var now = new List<string>();
        foreach (var (name, sql) in Scripts(dialect))
        {
            if (applied.Contains(name)) continue;
            await connection.ExecuteAsync(sql, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(dialect.RecordMigration, new { name, at = dialect.Time(DateTimeOffset.UtcNow) }, transaction).ConfigureAwait(false);
            now.Add(name);
        }
        if (once is not null) await once(transaction).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
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
