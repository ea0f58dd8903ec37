using Dapper;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Storage;

namespace Matchmaker.Tests.Storage;

/// <summary>The stores below the API, on a database of their own (SQLite, or SQL Server when the tests are given one).</summary>
public class StoreTests
{
    private TestDatabase _test = null!;
    private Database _database = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _test = new TestDatabase();
        _database = _test.Open();
        await _database.MigrateAsync();
    }

    [TearDown]
    public void DeleteDatabase() => _test.Dispose();

    [Test]
    public async Task Id_sets_larger_than_one_query_may_hold_are_read_in_chunks()
    {
        // SQL Server takes at most 2,100 parameters in a statement: 2,500 ids must be split, and none lost at the seams.
        var store = new EnterpriseStore(_database);
        var enterprises = Enumerable.Range(0, 2_500).Select(i => new Enterprise { Id = $"C-{i:D5}", Name = $"企业{i}" }).ToList();
        await store.UpsertAsync("t1", enterprises);

        var asked = enterprises.Select(e => e.Id).Concat(["C-missing-1", "C-missing-2"]).ToList();
        var existing = await store.ExistingIdsAsync("t1", asked);

        Assert.That(existing, Has.Count.EqualTo(2_500));
        Assert.That(existing, Does.Not.Contain("C-missing-1"));
        Assert.That(await store.ExistingIdsAsync("t2", asked), Is.Empty, "another tenant's ids are not this tenant's");
    }

    [Test]
    public async Task A_write_within_the_caller_s_transaction_is_undone_with_it()
    {
        var store = new ExpertStore(_database);
        await using (var connection = await _database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await store.UpsertAsync([new Expert { Id = "E-1", Name = "李明", Capacity = 2, Available = false }], transaction);
            Assert.That(await store.CountAsync(transaction), Is.EqualTo(1), "the transaction sees its own write");
            await transaction.RollbackAsync();
        }
        Assert.That(await store.CountAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task Every_write_of_an_expert_leaves_a_change_that_other_instances_follow()
    {
        var store = new ExpertStore(_database);
        var before = await store.LastChangeAsync();
        await store.UpsertAsync([new Expert { Id = "E-1", Name = "李明" }, new Expert { Id = "E-2", Name = "王芳", Available = false }]);
        await store.DeleteAsync("E-1");

        var changes = await store.ChangesAsync(before);
        Assert.That(changes.Select(c => c.ExpertId), Is.EqualTo(new[] { "E-1", "E-2", "E-1" }));
        Assert.That(changes.Select(c => c.Position), Is.Ordered.Ascending);
        Assert.That(await store.LastChangeAsync(), Is.EqualTo(changes[^1].Position));
        Assert.That(await store.ChangesAsync(changes[^1].Position), Is.Empty);
        Assert.That((await store.FindAsync("E-2"))!.Available, Is.False, "a flag comes back as it was written");
    }
}

/// <summary>A database made before the match lifecycle, migrated: its matches keep their events and status.</summary>
public class LifecycleMigrationTests
{
    [Test]
    public async Task Stored_matches_keep_their_history_when_the_lifecycle_arrives()
    {
        using var test = new TestDatabase();
        if (!test.IsSqlite) Assert.Ignore("Builds the old schema with SQLite's scripts.");
        var database = test.Open();
        var before = Migrations.Scripts(SqlDialect.Sqlite)
            .TakeWhile(s => string.CompareOrdinal(s.Name, "0004") < 0).ToList();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (name TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
            foreach (var (name, sql) in before)
            {
                await connection.ExecuteAsync(sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (@name, '2026-11-01T00:00:00.0000000Z')", new { name });
            }
            // As the API wrote them before: a back-dated event recorded last, and the status of the latest by time.
            await connection.ExecuteAsync("""
                INSERT INTO experts (id, name, kind, capacity, available, updated_at) VALUES ('E-1', '陈立新', 'societyExpert', 3, 1, '2026-11-01T00:00:00Z');
                INSERT INTO problems (tenant_id, id, urgency, status, updated_at) VALUES ('default', 'P-1', 'normal', 'open', '2026-11-01T00:00:00Z');
                INSERT INTO matches (id, tenant_id, problem_id, expert_id, status, score, created_at, updated_at)
                VALUES ('M-old', 'default', 'P-1', 'E-1', 'solved', 0.4, '2026-11-01T00:00:00.0000000Z', '2026-11-02T00:00:00.0000000Z');
                INSERT INTO match_events (match_id, status, occurred_at, recorded_at, patents) VALUES
                    ('M-old', 'solved', '2026-06-20T02:00:00.0000000Z', '2026-11-01T01:00:00.0000000Z', 2),
                    ('M-old', 'visited', '2026-04-10T06:00:00.0000000Z', '2026-11-01T02:00:00.0000000Z', NULL);
                """);
        }

        var applied = await database.MigrateAsync();
        var match = await new MatchStore(database, TimeProvider.System).FindAsync("default", "M-old");

        Assert.That(applied, Does.Contain("0004_match_lifecycle"));
        Assert.That(match!.Status, Is.EqualTo(MatchStatus.Solved), "the status it had");
        Assert.That(match.Events.Select(e => (e.Status, e.Patents, e.RecordedBy)), Is.EqualTo(new[]
        {
            (MatchStatus.Solved, (int?)2, (string?)null),
            (MatchStatus.Visited, (int?)null, (string?)null),
        }), "every event, in the order recorded, with no recorder known");
    }
}
