using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Access;

/// <summary>Ten thousand generated malformed bodies over every endpoint that takes a body: never a 5xx, and no data lost.</summary>
[Order(1)] // before DocumentedStatusTests, which reads the answers recorded here
public class MalformedBodyTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _client = null!;
    private static string _fuzzMatch = "";

    // Each endpoint with a valid body; the fuzzed ids (F-) never name the records kept for comparison (K-).
    private static readonly (string Method, string Url, string ContentType, string Valid)[] Endpoints =
    [
        ("PUT", "/api/v1/experts/F-x", "application/json",
            """{"id":"F-x","name":"测试专家","kind":"societyExpert","fields":["纺织涂层"],"capacity":3,"available":true,"works":[{"kind":"paper","title":"涂层","year":2020}]}"""),
        ("PUT", "/api/v1/enterprises/F-c", "application/json", """{"id":"F-c","name":"测试企业","industry":"家纺","region":"余杭","size":"small"}"""),
        ("PUT", "/api/v1/problems/F-p", "application/json",
            """{"id":"F-p","title":"涂层开裂","description":"低温下开裂","keywords":["涂层"],"urgency":"high","enterpriseId":"F-c"}"""),
        ("POST", "/api/v1/recommendations", "application/json",
            """{"title":"涂层开裂","description":"低温","industry":"家纺","region":"余杭","keywords":["涂层"],"top":5,"expertIds":["K-1"]}"""),
        ("POST", "/api/v1/matches", "application/json", """{"problemId":"F-p","expertId":"K-1"}"""),
        ("POST", "/api/v1/matches/{fuzzMatch}/events", "application/json",
            """{"status":"contacted","occurredAt":"2026-05-01T09:00:00+08:00","profitAddedYuan":1000,"patents":1,"standards":0,"rating":5,"note":"n"}"""),
        ("POST", "/api/v1/keys", "application/json", """{"role":"partner","partnerId":"F-partner","name":"测试"}"""),
        ("POST", "/api/v1/experts/import", "application/x-ndjson", """{"id":"F-y","name":"导入专家","fields":["注塑"],"capacity":2}"""),
        ("POST", "/api/v1/enterprises/import", "application/x-ndjson", """{"id":"F-d","name":"导入企业"}"""),
        ("POST", "/api/v1/problems/import", "application/x-ndjson", """{"id":"F-q","title":"翘曲","keywords":["注塑"]}"""),
        ("POST", "/api/v1/models/train", "application/json", """{"promote":false}"""),
        ("POST", "/api/v1/experts/F-e/conflicts", "application/json", """{"enterpriseId":"F-c","reason":"曾任顾问"}"""),
        ("POST", "/api/v1/jobs", "application/json",
            """{"kind":"campaign","problems":{"region":"余杭","ids":["F-p"]},"experts":{"kind":"societyExpert","ids":["K-1"]},"perProblem":{"min":1,"max":2},"maxLoad":2,"minScore":0.1,"mode":"total","candidates":50}"""),
    ];

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory();
        _client = await _factory.StartAsync();
        (await _client.PostLinesAsync("/api/v1/experts/import", """{"id":"K-1","name":"保留专家","fields":["纺织涂层"],"profile":"遮光涂层"}""")).EnsureSuccessStatusCode();
        (await _client.PutAsJsonAsync("/api/v1/enterprises/K-c", new { id = "K-c", name = "保留企业" })).EnsureSuccessStatusCode();
        (await _client.PutAsJsonAsync("/api/v1/problems/K-p", new { id = "K-p", title = "保留难题", enterpriseId = "K-c" })).EnsureSuccessStatusCode();
        (await _client.PutAsJsonAsync("/api/v1/problems/F-p", new { id = "F-p", title = "涂层开裂" })).EnsureSuccessStatusCode();
        (await _client.PutAsJsonAsync("/api/v1/enterprises/F-c", new { id = "F-c", name = "测试企业" })).EnsureSuccessStatusCode();
        (await _client.PostLinesAsync("/api/v1/experts/import", """{"id":"F-e","name":"冲突专家","fields":["纺织涂层"]}""")).EnsureSuccessStatusCode();
        var kept = await (await _client.PostAsJsonAsync("/api/v1/matches", new { problemId = "K-p", expertId = "K-1" })).JsonAsync();
        (await _client.PostAsJsonAsync($"/api/v1/matches/{kept.GetProperty("id").GetString()}/events",
            new { status = "contacted", occurredAt = "2026-04-01T09:00:00+08:00" })).EnsureSuccessStatusCode();
        _fuzzMatch = (await (await _client.PostAsJsonAsync("/api/v1/matches", new { problemId = "F-p", expertId = "K-1" })).JsonAsync())
            .GetProperty("id").GetString()!;
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    [Test]
    public void Every_endpoint_that_takes_a_body_is_attacked()
    {
        var withBodies = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
            .Select(e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0]} /{e.RoutePattern.RawText!.Trim('/')}")
            .Order().ToList();
        var attacked = Endpoints.Select(e => $"{e.Method} {Regex.Replace(e.Url, "/(F-[a-z]|\\{fuzzMatch\\})(?=/|$)", "/{id}")}").Order().ToList();

        Assert.That(attacked, Is.EqualTo(withBodies));
    }

    [Test]
    public async Task Ten_thousand_malformed_bodies_get_no_server_error_and_lose_no_data()
    {
        var before = Kept();
        var generator = new MalformedBodies(seed: 20261201);
        var statuses = new Dictionary<int, int>();
        var serverErrors = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            var (method, url, contentType, valid) = Endpoints[i % Endpoints.Length];
            var kind = MalformedBodies.Kinds[i / Endpoints.Length % MalformedBodies.Kinds.Length];
            var body = generator.Make(valid, kind);
            // An import keeps its good lines: send a valid line with the broken one.
            if (contentType == "application/x-ndjson") body = [.. Encoding.UTF8.GetBytes(valid + "\n"), .. body];
            using var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{fuzzMatch}", _fuzzMatch)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

            using var response = await _client.SendAsync(request);

            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500 && serverErrors.Count < 20)
                serverErrors.Add($"{method} {url} ({kind}): {status} for {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)])}");
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                serverErrors.Add($"{method} {url} ({kind}): {status} without problem+json");
        }

        TestContext.Out.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
        Assert.That(serverErrors, Is.Empty);
        Assert.That(statuses.Values.Sum(), Is.EqualTo(10_000));
        Assert.That(statuses.GetValueOrDefault(400), Is.GreaterThan(3_000), "most bodies are refused as bad requests");
        Assert.That(Kept(), Is.EqualTo(before), "the records that were there before are unchanged");
    }

    /// <summary>The records created before the attack, straight from the database.</summary>
    private static string Kept()
    {
        using var connection = _factory.Database.Open();
        return JsonSerializer.Serialize(new[]
        {
            connection.Query("SELECT * FROM experts WHERE id LIKE 'K-%' ORDER BY id"),
            connection.Query("SELECT * FROM expert_works WHERE expert_id LIKE 'K-%' ORDER BY expert_id, seq"),
            connection.Query("SELECT * FROM enterprises WHERE id LIKE 'K-%' ORDER BY tenant_id, id"),
            connection.Query("SELECT * FROM problems WHERE id LIKE 'K-%' ORDER BY tenant_id, id"),
            connection.Query("SELECT * FROM matches WHERE problem_id LIKE 'K-%' ORDER BY id"),
            connection.Query("SELECT e.* FROM match_events e JOIN matches m ON m.id = e.match_id WHERE m.problem_id LIKE 'K-%' ORDER BY e.id"),
        });
    }
}
