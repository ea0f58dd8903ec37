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
