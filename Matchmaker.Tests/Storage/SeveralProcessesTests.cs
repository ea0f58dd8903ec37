using System.Net;
using System.Net.Http.Json;
using Dapper;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Storage;

/// <summary>
/// Two API processes on one database, started from the API's executable (copied beside the tests) as an
/// administrator would start them: nothing is shared but the database.
/// </summary>
public class SeveralProcessesTests
{
    [Test]
    public async Task Two_API_processes_on_one_database_seed_once_follow_each_other_and_share_keys_and_the_rate_limit()
    {
        using var database = new TestDatabase();
        // Each allows a key 100 requests a minute: 200 together, the configured limit.
        string[] settings = ["--Matchmaker:SeedDemoData=true", "--Auth:KeyCacheSeconds=2", "--Limits:RequestsPerMinute=200", "--Limits:Instances=2"];
        using var a = new ApiProcess(database, settings);
        using var b = new ApiProcess(database, settings);
        await Task.WhenAll(a.WaitUntilReadyAsync(), b.WaitUntilReadyAsync());

        var experts = File.ReadLines(Path.Combine(Paths.RepositoryRoot, "data", "experts.jsonl")).Count(l => l.Trim().Length > 0);
        using (var connection = database.Open().Open())
            Assert.That(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM expert_changes"), Is.EqualTo(experts), "the demo data was seeded once");

        // An expert imported through A is ranked by B within 5 s.
        (await a.Client.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-proc","name":"进程专家","fields":["纺织涂层"],"profile":"遮光涂层低温开裂与涂层配方改进"}""")).EnsureSuccessStatusCode();
        var ranked = await SeveralInstancesTests.WithinAsync(TimeSpan.FromSeconds(5), async () =>
        {
            var answer = await b.Client.PostAsJsonAsync("/api/v1/recommendations?explain=none", new { title = "遮光涂层低温开裂", expertIds = new[] { "E-proc" } });
            return (await answer.JsonAsync()).GetProperty("items").GetArrayLength() == 1;
        });
        TestContext.Out.WriteLine($"ranked by the other process after {ranked.TotalMilliseconds:F0} ms");
        Assert.That(ranked, Is.LessThan(TimeSpan.FromSeconds(5)), b.Output);

        // A key revoked through A is refused by B within Auth:KeyCacheSeconds (2 s here).
        var created = await (await a.Client.PostAsJsonAsync("/api/v1/keys", new { role = "analyst", name = "进程测试" })).JsonAsync();
        using var analystOnB = new HttpClient { BaseAddress = b.Client.BaseAddress };
        analystOnB.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
        Assert.That((await analystOnB.GetAsync("/api/v1/keys/current")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        (await a.Client.DeleteAsync($"/api/v1/keys/{created.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
        var refused = await SeveralInstancesTests.WithinAsync(TimeSpan.FromSeconds(5),
            async () => (await analystOnB.GetAsync("/api/v1/keys/current")).StatusCode == HttpStatusCode.Unauthorized);
        TestContext.Out.WriteLine($"refused by the other process after {refused.TotalMilliseconds:F0} ms");
        Assert.That(refused, Is.LessThan(TimeSpan.FromSeconds(3)));

        // A key's requests spread over both: together they allow the limit, 200, not twice it.
        var partner = await (await a.Client.PostAsJsonAsync("/api/v1/keys", new { role = "partner", partnerId = "p-rate", name = "限流" })).JsonAsync();
        var clients = new[] { a, b }.Select(p =>
        {
            var client = new HttpClient { BaseAddress = p.Client.BaseAddress };
            client.DefaultRequestHeaders.Add("X-Api-Key", partner.GetProperty("key").GetString());
            return client;
        }).ToArray();
        var allowed = 0;
        for (var i = 0; i < 300; i++)
            if ((await clients[i % 2].GetAsync("/api/v1/societies")).IsSuccessStatusCode) allowed++;
        Assert.That(allowed, Is.EqualTo(200));
    }
}
