using System.Data;
using System.Reflection;
using Dapper;

namespace Matchmaker.Core.Storage;

/// <summary>
/// Applies the numbered scripts in <c>Storage/Migrations</c> (embedded resources) in order, once each,
/// recording them in <c>schema_migrations</c>. A script and its record commit together.
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<string> Scripts { get; } = typeof(Migrations).Assembly
        .GetManifestResourceNames()
        .Where(name => name.EndsWith(".sql", StringComparison.Ordinal) && name.Contains(".Migrations."))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<string> Apply(IDbConnection connection)
    {
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name       TEXT NOT NULL PRIMARY KEY,
                applied_at TEXT NOT NULL
            )
            """);
        var applied = connection.Query<string>("SELECT name FROM schema_migrations").ToHashSet();
        var now = new List<string>();
        foreach (var resource in Scripts)
        {
            var name = ScriptName(resource);
            if (applied.Contains(name)) continue;
            using var transaction = connection.BeginTransaction();
            connection.Execute(Read(resource), transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @at)",
                new { name, at = DateTimeOffset.UtcNow.ToString("O") },
                transaction);
            transaction.Commit();
            now.Add(name);
        }
        return now;
    }

    // "Matchmaker.Core.Storage.Migrations.0001_initial.sql" -> "0001_initial"
    private static string ScriptName(string resource)
    {
        var withoutExtension = resource[..^".sql".Length];
        return withoutExtension[(withoutExtension.LastIndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
    }

    private static string Read(string resource)
    {
        using var stream = typeof(Migrations).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
