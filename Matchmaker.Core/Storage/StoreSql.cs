using System.Reflection;

namespace Matchmaker.Core.Storage;

/// <summary>
/// One store's SQL on one provider: each public string property is a statement. Texts that both providers read
/// alike are written once; upserts, paging and inserted ids come from the <see cref="SqlDialect"/>, so each
/// difference between the providers is written in one place. Every store keeps a nested <c>Sql</c> of this kind,
/// and a test parses the SQL Server instance of each one.
/// </summary>
public abstract class StoreSql(SqlDialect dialect)
{
    protected SqlDialect Dialect { get; } = dialect;

    /// <summary>Every statement as ("Store.Property", text).</summary>
    public IReadOnlyList<(string Name, string Sql)> Texts() => GetType()
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(string))
        .Select(p => ($"{GetType().DeclaringType?.Name ?? GetType().Name}.{p.Name}", (string)p.GetValue(this)!))
        .ToList();

    /// <summary>An instance of every store's SQL for <paramref name="dialect"/> (for the tests that check them).</summary>
    public static IReadOnlyList<StoreSql> EveryStore(SqlDialect dialect) => typeof(StoreSql).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(StoreSql)) && !t.IsAbstract)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (StoreSql)Activator.CreateInstance(t, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, null, [dialect], null)!)
        .ToList();
}
