using Matchmaker.Core.Storage;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Matchmaker.Tests.Storage;

/// <summary>
/// SQL Server cannot run here, so every T-SQL text Matchmaker holds is at least parsed, as SQL Server 2022 would
/// (TSql160Parser), and every SQLite migration must have its twin.
/// </summary>
public class SqlServerScriptsTests
{
    // Every T-SQL text in the code base, by where it lives.
    private static IEnumerable<TestCaseData> SqlServerTexts() =>
        Migrations.Scripts(SqlDialect.SqlServer).Select(s => new TestCaseData($"Storage/Migrations/SqlServer/{s.Name}.sql", s.Sql))
            .Concat(SqlDialect.SqlServer.Statements.Select(s => new TestCaseData($"SqlDialect.SqlServer.{s.Name}", s.Sql)))
            .Concat(StoreSql.EveryStore(SqlDialect.SqlServer).SelectMany(store => store.Texts()).Select(s => new TestCaseData(s.Name, s.Sql)))
            .Select(c => c.SetArgDisplayNames((string)c.Arguments[0]!));

    [TestCaseSource(nameof(SqlServerTexts))]
    public void Every_SQL_Server_text_parses(string where, string sql) =>
        Assert.That(ParseErrors(where, sql), Is.Empty);

    [Test]
    public void A_broken_text_is_reported_with_its_line_and_column()
    {
        // The check above must be able to fail: a missing parenthesis on the second line.
        var errors = ParseErrors("broken.sql", "CREATE TABLE t (\n    id INT NOT NULL PRIMARY KEY");
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("broken.sql:2:"));
    }

    [Test]
    public void Every_SQLite_migration_has_a_SQL_Server_twin_of_the_same_name()
    {
        var sqlite = Migrations.Scripts(SqlDialect.Sqlite).Select(s => s.Name).ToList();
        var sqlServer = Migrations.Scripts(SqlDialect.SqlServer).Select(s => s.Name).ToList();
        Assert.That(sqlite, Is.Not.Empty);
        Assert.That(sqlServer, Is.EqualTo(sqlite));
    }

    // "file:line:column: message" for each parse error. Dapper sends "IN @ids" as "IN (@ids1, @ids2, ...)": the
    // text is expanded the same way before it is parsed (columns stay where they were, so positions still hold).
    private static List<string> ParseErrors(string where, string sql)
    {
        sql = System.Text.RegularExpressions.Regex.Replace(sql, @"\bIN (@\w+)", "IN ($1_1, $1_2)");
        using var reader = new StringReader(sql);
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
        return errors.Select(e => $"{where}:{e.Line}:{e.Column}: {e.Message}").ToList();
    }
}

/// <summary>
/// What keeps the check above complete: a query written inline, outside a store's <see cref="StoreSql"/>, would have no
/// SQL Server twin and would never be parsed. Every Dapper call in Core must take its text from the store's SQL, from
/// the dialect (whose SQL Server texts are parsed above) or from a migration script.
/// </summary>
public class SqlTextPlacementTests
{
    private static readonly System.Text.RegularExpressions.Regex DapperCall =
        new(@"\.(Execute|Query)\w*(<[^>]*>)?\(\s*(?<text>[^,)]+)", System.Text.RegularExpressions.RegexOptions.Compiled);

    // The first argument of a Dapper call may be a store's text (alone, or in a CommandDefinition that carries a
    // cancellation token: JobStore.RowsAsync), a dialect member, a migration script's text, or a helper's parameter
    // named "...Sql" that carries one of the store's texts (MatchStore.ListAsync).
    private static bool Allowed(string text) =>
        text.StartsWith("_sql.", StringComparison.Ordinal) || text.StartsWith("new CommandDefinition(_sql.", StringComparison.Ordinal)
        || text.StartsWith("dialect.", StringComparison.Ordinal)
        || text is "sql" or "MigrationLock" || System.Text.RegularExpressions.Regex.IsMatch(text, "^[a-z][A-Za-z]*Sql$");

    [Test]
    public void Every_query_in_Core_comes_from_a_store_s_SQL_or_the_dialect()
    {
        var core = Path.Combine(Paths.RepositoryRoot, "Matchmaker.Core");
        if (!Directory.Exists(core)) Assert.Ignore("The sources are not beside the tests.");
        var inline = new List<string>();
        var calls = 0;
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                foreach (System.Text.RegularExpressions.Match call in DapperCall.Matches(lines[i]))
                {
                    var text = call.Groups["text"].Value.Trim();
                    if (lines[i].Contains("Retry.ExecuteAsync(this", StringComparison.Ordinal)) continue; // SqlClient's retry, not a query
                    calls++;
                    // The SQLite pragmas are the one inline text: SQL Server has no such statement.
                    if (!Allowed(text) && !text.StartsWith("\"PRAGMA ", StringComparison.Ordinal))
                        inline.Add($"{Path.GetRelativePath(core, file)}:{i + 1}: {text}");
                }
        }
        Assert.That(calls, Is.GreaterThan(40), "the scan should find the stores' queries");
        // And it would see an inline query.
        var sample = DapperCall.Match("""connection.QueryAsync<string>("SELECT id FROM experts LIMIT 1", tx)""");
        Assert.That(Allowed(sample.Groups["text"].Value), Is.False);
        Assert.That(inline, Is.Empty);
    }

    [Test]
    public void Every_store_has_its_SQL_for_both_providers()
    {
        var stores = typeof(StoreSql).Assembly.GetTypes().Where(t => t.Name.EndsWith("Store", StringComparison.Ordinal) && t.IsClass).ToList();
        var withSql = StoreSql.EveryStore(SqlDialect.Sqlite).Select(s => s.GetType().DeclaringType).ToList();
        Assert.That(stores, Has.Count.GreaterThanOrEqualTo(6));
        // A query class that is no store (ExpertLoads, the experts' loads across matches) has its SQL the same way.
        Assert.That(withSql, Is.SupersetOf(stores));
        var sqlite = StoreSql.EveryStore(SqlDialect.Sqlite).SelectMany(s => s.Texts()).Select(t => t.Name);
        var sqlServer = StoreSql.EveryStore(SqlDialect.SqlServer).SelectMany(s => s.Texts()).Select(t => t.Name);
        Assert.That(sqlServer, Is.EqualTo(sqlite));
    }
}
