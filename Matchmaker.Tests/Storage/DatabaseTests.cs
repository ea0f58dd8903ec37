using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Tests.Storage;

public class DatabaseTests
{
    [Test]
    public async Task Creates_the_file_in_wal_mode_and_applies_each_migration_once()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mm-{Guid.NewGuid():N}", "nested", "matchmaker.db");
        try
        {
            var database = new Database($"Data Source={file}");
            await database.MigrateAsync();
            await database.MigrateAsync();

            using var connection = database.Open();
            Assert.That(connection.ExecuteScalar<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
            Assert.That(connection.ExecuteScalar<long>("PRAGMA synchronous"), Is.EqualTo(2), "FULL");
            Assert.That(connection.ExecuteScalar<long>("PRAGMA foreign_keys"), Is.EqualTo(1));
            Assert.That(connection.Query<string>("SELECT name FROM schema_migrations"), Is.EqualTo(new[] { "0001_initial", "0002_api_keys", "0003_expert_changes", "0004_match_lifecycle", "0005_idempotency_keys", "0006_match_features", "0007_models", "0008_expert_conflicts", "0009_expert_availability", "0010_jobs" }));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(file))!, recursive: true);
        }
    }

    [Test]
    public async Task Instances_starting_at_once_migrate_once()
    {
        // Several API instances on one database start together: each migrates, under the provider's lock.
        var folder = Path.Combine(Path.GetTempPath(), $"mm-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "matchmaker.db");
        try
        {
            var applied = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                var database = new Database($"Data Source={file}");
                await database.MigrateAsync();
                using var connection = database.Open();
                return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_migrations");
            })));

            Assert.That(applied, Is.All.EqualTo(Migrations.Scripts(SqlDialect.Sqlite).Count));
            using var check = new Database($"Data Source={file}").Open();
            Assert.That(check.Query<string>("SELECT name FROM schema_migrations"), Is.Unique);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

public class TransientFailureTests
{
    // Each case: an error SQLite reports, and whether a retry can be expected to succeed.
    [TestCase(5, true, TestName = "A_busy_database_is_a_passing_condition")] // SQLITE_BUSY: another writer past busy_timeout
    [TestCase(6, true, TestName = "A_locked_table_is_a_passing_condition")] // SQLITE_LOCKED
    [TestCase(19, false, TestName = "A_broken_constraint_is_not")] // SQLITE_CONSTRAINT: retrying changes nothing
    [TestCase(1, false, TestName = "An_error_in_the_SQL_is_not")] // SQLITE_ERROR
    public void SQLite_errors_are_told_apart(int code, bool transient) =>
        Assert.That(SqlDialect.Sqlite.IsTransient(new Microsoft.Data.Sqlite.SqliteException("error", code)), Is.EqualTo(transient));
}
