using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Dapper;
using Matchmaker.Core.Matching;
using Matchmaker.Tests.Api;
using Matchmaker.Tests.Storage;

namespace Matchmaker.Tests.Matching;

/// <summary>Idempotency-Key on the POSTs that create something: a retry gets the first answer and writes nothing.</summary>
public class IdempotencyTests : FreshApiTest
{
    [SetUp]
    public async Task Seed()
    {
        await Client.PostLinesAsync("/api/v1/experts/import", """{"id":"E-1","name":"陈立新","fields":["纺织涂层"],"profile":"遮光涂层低温开裂"}""");
        await Client.PostLinesAsync("/api/v1/problems/import", """{"id":"P-1","title":"遮光窗帘涂层低温开裂"}""");
    }

    private static HttpRequestMessage Post(string url, string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<string> NewMatchAsync(string problem = "P-1", string expert = "E-1") =>
        (await (await Client.PostJsonTextAsync("/api/v1/matches", $$"""{"problemId":"{{problem}}","expertId":"{{expert}}"}""")).ReadAsync<Match>()).Id;

    private int StoredEvents()
    {
        using var connection = Factory.Database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM match_events");
    }

    [Test]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_writes_nothing()
    {
        var match = await NewMatchAsync();
        const string body = """{"status":"contacted","occurredAt":"2026-05-06T10:00:00+08:00","note":"第一次联系"}""";

        var first = await Client.SendAsync(Post($"/api/v1/matches/{match}/events", body, "retry-1"));
        // The same JSON with other spacing is the same request.
        var retry = await Client.SendAsync(Post($"/api/v1/matches/{match}/events", body.Replace(",", ", "), "retry-1"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(retry.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(StoredEvents(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        var match = await NewMatchAsync();
        await Client.SendAsync(Post($"/api/v1/matches/{match}/events", """{"status":"contacted","occurredAt":"2026-05-06T10:00:00Z"}""", "reused"));

        var other = await Client.SendAsync(Post($"/api/v1/matches/{match}/events", """{"status":"withdrawn","occurredAt":"2026-05-07T10:00:00Z"}""", "reused"));

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(other.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await other.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain("Idempotency-Key"));
        Assert.That(StoredEvents(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_refused_request_keeps_no_answer_so_that_its_corrected_retry_runs()
    {
        var match = await NewMatchAsync();
        var refused = await Client.SendAsync(Post($"/api/v1/matches/{match}/events", """{"status":"contacted","occurredAt":"2026-05-06T10:00:00Z","rating":9}""", "fix-1"));
        var corrected = await Client.SendAsync(Post($"/api/v1/matches/{match}/events", """{"status":"contacted","occurredAt":"2026-05-06T10:00:00Z","rating":5}""", "fix-1"));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(corrected.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(corrected.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(StoredEvents(), Is.EqualTo(1));
    }

    [Test]
    public async Task Keys_belong_to_the_caller_s_api_key()
    {
        // Two portals may well pick the same key: each gets its own request run.
        var partnerKey = await Factory.CreateKeyAsync("partner", "p1");
        using var partner = Factory.ClientWith(partnerKey);
        await partner.PostLinesAsync("/api/v1/problems/import", """{"id":"P-9","title":"涂层开裂"}""");

        var staffMatch = await Client.SendAsync(Post("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""", "shared-key"));
        var partnerMatch = await partner.SendAsync(Post("/api/v1/matches", """{"problemId":"P-9","expertId":"E-1"}""", "shared-key"));

        Assert.That(staffMatch.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(partnerMatch.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await partnerMatch.ReadAsync<Match>()).ProblemId, Is.EqualTo("P-9"));
    }

    [Test]
    public async Task A_malformed_key_is_refused_with_400()
    {
        var response = await Client.SendAsync(Post("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""", new string('k', 256)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain("Idempotency-Key"));
    }

    [Test]
    public async Task A_retried_key_creation_creates_one_key_and_never_stores_the_secret()
    {
        const string body = """{"role":"analyst","name":"德清数据分析"}""";
        var first = await (await Client.SendAsync(Post("/api/v1/keys", body, "key-1"))).JsonAsync();
        var retry = await Client.SendAsync(Post("/api/v1/keys", body, "key-1"));
        var replayed = await retry.JsonAsync();

        Assert.That(first.GetProperty("key").GetString(), Does.StartWith("mmk_"));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(replayed.GetProperty("id").GetString(), Is.EqualTo(first.GetProperty("id").GetString()));
        Assert.That(replayed.GetProperty("key").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "only the key's hash is kept");
        using var connection = Factory.Database.Open();
        Assert.That(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM api_keys WHERE name = '德清数据分析'"), Is.EqualTo(1));
        var stored = connection.Query<byte[]>("SELECT body FROM idempotency_keys").Select(b => Encoding.UTF8.GetString(b));
        Assert.That(stored, Has.None.Contains(first.GetProperty("key").GetString()));
    }

    [Test]
    public async Task Answers_survive_a_restart()
    {
        using var database = new TestDatabase();
        var match = "";
        const string body = """{"status":"contacted","occurredAt":"2026-05-06T10:00:00Z"}""";
        string firstAnswer;
        using (var before = new MatchmakerFactory(database: database))
        {
            var client = await before.StartAsync();
            await client.PostLinesAsync("/api/v1/experts/import", """{"id":"E-1","name":"陈立新","fields":["纺织涂层"]}""");
            await client.PostLinesAsync("/api/v1/problems/import", """{"id":"P-1","title":"涂层开裂"}""");
            match = (await (await client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""")).ReadAsync<Match>()).Id;
            firstAnswer = await (await client.SendAsync(Post($"/api/v1/matches/{match}/events", body, "across-restart"))).Content.ReadAsStringAsync();
        }
        using var after = new MatchmakerFactory(database: database);
        var retry = await (await after.StartAsync()).SendAsync(Post($"/api/v1/matches/{match}/events", body, "across-restart"));

        Assert.That(retry.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(firstAnswer));
    }

    [Test]
    public async Task Eight_writers_driving_matches_through_the_lifecycle_store_each_event_exactly_once()
    {
        // 8 writers × 125 matches × 4 steps = 4,000 events; every 50th request is sent twice at once with its key,
        // as a client retrying after a timeout would, racing its own first attempt.
        await Client.PostLinesAsync("/api/v1/problems/import",
            Enumerable.Range(0, 1000).Select(i => $$"""{"id":"P-w{{i}}","title":"涂层开裂{{i}}"}""").ToArray());
        var steps = new[] { "contacted", "accepted", "visited", "solved" };
        var sent = 0;
        var mismatches = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            using var client = Factory.CreateClient();
            for (var m = 0; m < 125; m++)
            {
                var problem = $"P-w{writer * 125 + m}";
                var match = (await (await client.PostJsonTextAsync("/api/v1/matches", $$"""{"problemId":"{{problem}}","expertId":"E-1"}""")).ReadAsync<Match>()).Id;
                for (var s = 0; s < steps.Length; s++)
                {
                    var body = $$"""{"status":"{{steps[s]}}","occurredAt":"2026-05-0{{s + 1}}T10:00:00Z","patents":{{s}}}""";
                    var key = $"w{writer}-m{m}-s{s}";
                    if (Interlocked.Increment(ref sent) % 50 == 0)
                    {
                        var both = await Task.WhenAll(client.SendAsync(Post($"/api/v1/matches/{match}/events", body, key)),
                            client.SendAsync(Post($"/api/v1/matches/{match}/events", body, key)));
                        var answers = await Task.WhenAll(both.Select(r => r.Content.ReadAsStringAsync()));
                        if (both.Any(r => r.StatusCode != HttpStatusCode.Created) || answers[0] != answers[1])
                            mismatches.Add($"{key}: {both[0].StatusCode} {both[1].StatusCode} {answers[0]} | {answers[1]}");
                    }
                    else
                    {
                        var response = await client.SendAsync(Post($"/api/v1/matches/{match}/events", body, key));
                        if (response.StatusCode != HttpStatusCode.Created) mismatches.Add($"{key}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }
        })));

        Assert.That(mismatches, Is.Empty);
        Assert.That(sent, Is.EqualTo(4000));
        Assert.That(StoredEvents(), Is.EqualTo(4000));
    }
}
