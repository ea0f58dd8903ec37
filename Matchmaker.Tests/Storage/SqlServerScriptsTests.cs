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

    // "file:line:column: message" for each parse error.
    private static List<string> ParseErrors(string where, string sql)
    {
        using var reader = new StringReader(sql);
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
        return errors.Select(e => $"{where}:{e.Line}:{e.Column}: {e.Message}").ToList();
    }
}
