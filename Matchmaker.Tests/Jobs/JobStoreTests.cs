using Matchmaker.Core.Jobs;
using Matchmaker.Tests.Storage;

namespace Matchmaker.Tests.Jobs;

/// <summary>The job store's lease rules, on a real SQLite file, with a clock the test moves.</summary>
public class JobStoreTests
{
    [Test]
    public async Task A_lease_is_taken_over_only_once_it_expired_and_a_job_whose_instances_keep_dying_is_given_up()
    {
        using var database = new TestDatabase();
        var store = database.Open();
        await store.MigrateAsync();
        var clock = new TestClock(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        var jobs = new JobStore(store, clock);
        var lease = TimeSpan.FromSeconds(30);
        var job = await jobs.CreateAsync("default", new JobRequest { Kind = "rank-all" }, "test");

        var first = await jobs.ClaimAsync("a", lease);
        var meanwhile = await jobs.ClaimAsync("b", lease);
        clock.Now += TimeSpan.FromSeconds(29);
        var beforeExpiry = await jobs.ClaimAsync("b", lease);
        clock.Now += TimeSpan.FromSeconds(2);
        var afterExpiry = await jobs.ClaimAsync("b", lease);
        var (ownedByA, _) = await jobs.RenewAsync(first!, lease);

        Assert.Multiple(() =>
        {
            Assert.That(first?.Id, Is.EqualTo(job.Id));
            Assert.That(meanwhile, Is.Null, "a held lease is not taken");
            Assert.That(beforeExpiry, Is.Null, "nor one second before it expires");
            Assert.That(afterExpiry?.Job.Attempts, Is.EqualTo(2), "an expired lease is taken over");
            Assert.That(ownedByA, Is.False, "the first owner learns it lost the job");
        });

        // Every instance that takes it dies: after MaxAttempts runs it fails instead of being taken again.
        for (var attempt = 3; attempt <= JobStore.MaxAttempts; attempt++)
        {
            clock.Now += lease + TimeSpan.FromSeconds(1);
            Assert.That((await jobs.ClaimAsync($"instance-{attempt}", lease))?.Job.Attempts, Is.EqualTo(attempt));
        }
        clock.Now += lease + TimeSpan.FromSeconds(1);
        Assert.That(await jobs.ClaimAsync("one-more", lease), Is.Null);
        var given = await jobs.FindAsync("default", job.Id);
        Assert.That(given!.Status, Is.EqualTo(JobStatus.Failed));
        Assert.That(given.Error, Does.Contain($"stopped {JobStore.MaxAttempts} times"));
    }
}
