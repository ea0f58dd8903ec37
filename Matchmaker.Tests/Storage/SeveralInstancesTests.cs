using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Matchmaker.Core.Learning;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Storage;

/// <summary>
/// Two API instances on one database, as behind a load balancer: each is a full server of its own (its own ranking
/// index, key cache and rate counters), sharing nothing but the database.
/// </summary>
public class SeveralInstancesTests
{
    private static async Task<(MatchmakerFactory A, MatchmakerFactory B)> StartTwoAsync(
        TestDatabase database, bool seedDemoData, Dictionary<string, string>? settings = null)
    {
        var a = new MatchmakerFactory(seedDemoData, settings, database);
        var b = new MatchmakerFactory(seedDemoData, settings, database);
        // Started at the same moment: both migrate and both would seed, but the migration lock lets one do it.
        await Task.WhenAll(Task.Run(a.StartAsync), Task.Run(b.StartAsync));
        return (a, b);
    }

    [Test]
    public async Task Instances_started_together_migrate_and_seed_once_and_follow_each_other_s_expert_changes()
    {
        using var database = new TestDatabase();
        var (a, b) = await StartTwoAsync(database, seedDemoData: true);
        using (a)
        using (b)
        {
            var experts = File.ReadLines(Path.Combine(Paths.RepositoryRoot, "data", "experts.jsonl")).Count(l => l.Trim().Length > 0);
            using (var connection = database.Open().Open())
            {
                Assert.That(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM experts"), Is.EqualTo(experts));
                Assert.That(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM expert_changes"), Is.EqualTo(experts), "one seeding wrote one change per expert");
            }

            // An expert imported through A is ranked by B, which hears of it only through the database.
            var clientA = a.CreateClient();
            var clientB = b.CreateClient();
            var imported = await clientA.PostLinesAsync("/api/v1/experts/import",
                """{"id":"E-far","name":"远程专家","fields":["纺织涂层"],"profile":"遮光涂层低温开裂与涂层配方改进"}""");
            imported.EnsureSuccessStatusCode();
            var seen = await WithinAsync(TimeSpan.FromSeconds(5), async () => await RankedAsync(clientB, "E-far"));
            TestContext.Out.WriteLine($"ranked by the other instance after {seen.TotalMilliseconds:F0} ms");
            Assert.That(seen, Is.LessThan(TimeSpan.FromSeconds(5)), "B ranks the expert imported through A within 5 s");

            // A deletion too.
            (await clientA.DeleteAsync("/api/v1/experts/E-far")).EnsureSuccessStatusCode();
            var gone = await WithinAsync(TimeSpan.FromSeconds(5), async () => !await RankedAsync(clientB, "E-far"));
            Assert.That(gone, Is.LessThan(TimeSpan.FromSeconds(5)), "B stops ranking the expert deleted through A within 5 s");
        }
    }

    private static async Task<bool> RankedAsync(HttpClient client, string expertId)
    {
        var answer = await client.PostAsJsonAsync("/api/v1/recommendations?explain=none", new { title = "遮光涂层低温开裂", expertIds = new[] { expertId } });
        return (await answer.JsonAsync()).GetProperty("items").GetArrayLength() == 1;
    }

    /// <summary>How long until the condition held (checked every 100 ms), or the limit when it never did.</summary>
    internal static async Task<TimeSpan> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition()) return clock.Elapsed;
            await Task.Delay(100);
        }
        return limit;
    }

    [Test]
    public async Task A_key_revoked_through_one_instance_is_refused_by_the_other_within_the_key_cache_time()
    {
        using var database = new TestDatabase();
        var (a, b) = await StartTwoAsync(database, seedDemoData: false, new() { ["Auth:KeyCacheSeconds"] = "2" });
        using (a)
        using (b)
        {
            var key = await a.CreateKeyAsync("analyst", name: "两个实例");
            var onB = b.ClientWith(key);
            var before = await onB.GetAsync("/api/v1/keys/current"); // B now holds the key in its cache
            var id = (await before.JsonAsync()).GetProperty("id").GetString();
            (await a.CreateClient().DeleteAsync($"/api/v1/keys/{id}")).EnsureSuccessStatusCode();

            var refused = await WithinAsync(TimeSpan.FromSeconds(4),
                async () => (await onB.GetAsync("/api/v1/keys/current")).StatusCode == HttpStatusCode.Unauthorized);
            TestContext.Out.WriteLine($"refused by the other instance after {refused.TotalMilliseconds:F0} ms");
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused, Is.LessThan(TimeSpan.FromSeconds(3)), "within Auth:KeyCacheSeconds (2 s) and a poll");
            Assert.That((await a.ClientWith(key).GetAsync("/api/v1/keys/current")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized),
                "the instance that revoked it refuses it at once");
        }
    }

    [Test]
    public async Task The_rate_limit_holds_across_instances_that_share_it()
    {
        using var database = new TestDatabase();
        var settings = new Dictionary<string, string> { ["Limits:RequestsPerMinute"] = "10", ["Limits:Instances"] = "2" };
        var (a, b) = await StartTwoAsync(database, seedDemoData: false, settings);
        using (a)
        using (b)
        {
            // A load balancer sends a key's requests to both, in turn: together they allow the limit, not twice it.
            var clients = new[] { a.CreateClient(), b.CreateClient() };
            var allowed = 0;
            for (var i = 0; i < 30; i++)
                if ((await clients[i % 2].GetAsync("/api/v1/societies")).IsSuccessStatusCode) allowed++;

            Assert.That(allowed, Is.EqualTo(10));
            var refused = await clients[0].GetAsync("/api/v1/societies");
            Assert.That(refused.Headers.GetValues("RateLimit-Policy").Single(), Is.EqualTo("\"per-key\";q=5;w=60"), "each instance tells its share");
        }
    }

    [Test]
    public async Task A_model_promoted_through_one_instance_is_served_by_the_other_within_seconds()
    {
        using var database = new TestDatabase();
        var (a, b) = await StartTwoAsync(database, seedDemoData: true, new() { ["Matchmaker:ModelPollSeconds"] = "0.5" });
        using (a)
        using (b)
        {
            // A real model, trained on outcomes made up for the test (a trained one is all serving needs), stored as a candidate.
            var random = new Random(5);
            var rows = Enumerable.Range(0, 400).Select(i => new RankingRow($"p{i / 8}", i % 5,
                Enumerable.Range(0, TrainingSet.FeatureNames.Count).Select(_ => (float)random.NextDouble()).ToArray())).ToList();
            var store = new ModelStore(database.Open(), TimeProvider.System);
            var version = await store.StartAsync("test");
            await store.FinishAsync(version, new TrainedModel(ModelStatus.Candidate, "made up for the test", 400, 400, 50, 0, 0, null, 0.5, 0.6,
                null, 0.5, 0.1, TrainingSet.FeatureNames, LearnedRanker.Train(rows).Save()));

            var clientA = a.CreateClient();
            var clientB = b.CreateClient();
            Assert.That(await ServedAsync(clientB), Is.EqualTo("base"));
            (await clientA.PostAsync($"/api/v1/models/{version}/promote", null)).EnsureSuccessStatusCode();
            var served = await WithinAsync(TimeSpan.FromSeconds(10), async () => await ServedAsync(clientB) == version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            TestContext.Out.WriteLine($"served by the other instance after {served.TotalMilliseconds:F0} ms");
            Assert.That(served, Is.LessThan(TimeSpan.FromSeconds(10)), "B serves the model promoted through A within seconds");

            (await clientA.PostAsync("/api/v1/models/rollback", null)).EnsureSuccessStatusCode();
            var back = await WithinAsync(TimeSpan.FromSeconds(10), async () => await ServedAsync(clientB) == "base");
            Assert.That(back, Is.LessThan(TimeSpan.FromSeconds(10)), "and returns to the base ranker after a rollback through A");
        }
    }

    private static async Task<string?> ServedAsync(HttpClient client)
    {
        var answer = await client.PostAsJsonAsync("/api/v1/recommendations?explain=none", new { title = "遮光涂层低温开裂", top = 3 });
        return (await answer.JsonAsync()).GetProperty("modelVersion").GetString();
    }
}
