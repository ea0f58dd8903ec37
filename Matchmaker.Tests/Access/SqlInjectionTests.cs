using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Matchmaker.Tests.Api;
using Matchmaker.Tests.Jobs;

namespace Matchmaker.Tests.Access;

/// <summary>
/// SQL injection payloads in every string field, route value, query parameter and header: stored and answered as
/// plain text, never executed, and never a 5xx.
/// </summary>
public class SqlInjectionTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _client = null!;

    // ASCII classics, and the full-width and curly quotes that some collations fold into ASCII ones.
    private static readonly string[] Payloads =
    [
        "' OR '1'='1",
        "'OR''='",
        "'; DROP TABLE experts; --",
        "\"; DROP TABLE problems; --",
        "1; DELETE FROM matches",
        "' UNION SELECT key_hash, id, role FROM api_keys --",
        "'||(SELECT group_concat(name) FROM sqlite_master)||'",
        "x');UPDATE enterprises SET name='pwned';--",
        "＇ OR ＇1＇=＇1",
        "＇；DROP TABLE enterprises；--",
        "＂ OR ＂＂=＂",
        "‘ OR ’1’=’1",
        "ʼ OR 1=1 --",
        "\\'; --",
        "*/ OR /* 1=1",
        "%27%20OR%201%3D1",
        "Robert'); DROP TABLE students;--",
        "涂层' AND 1=(SELECT COUNT(*) FROM api_keys) --",
    ];

    // Payloads that are valid ids (no spaces, control characters or '/'): they are stored as ids.
    private static readonly string[] IdPayloads = ["'OR''='", "x'--", "1;DROP", "＇OR＇1＇=＇1", "%27%20OR%201%3D1", "\\';--", "C-1'||'"];

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory();
        _client = await _factory.StartAsync();
        (await _client.PostLinesAsync("/api/v1/experts/import", """{"id":"E-1","name":"陈立新","fields":["纺织涂层"],"profile":"遮光涂层"}""")).EnsureSuccessStatusCode();
        (await _client.PutAsJsonAsync("/api/v1/enterprises/C-1", new { id = "C-1", name = "余杭家纺" })).EnsureSuccessStatusCode();
        (await _client.PutAsJsonAsync("/api/v1/problems/P-1", new { id = "P-1", title = "涂层开裂", enterpriseId = "C-1" })).EnsureSuccessStatusCode();
        (await _client.PostAsJsonAsync("/api/v1/matches", new { problemId = "P-1", expertId = "E-1" })).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    [Test]
    public async Task Payloads_in_string_fields_are_stored_and_read_back_verbatim()
    {
        var failures = new List<string>();
        for (var n = 0; n < Payloads.Length; n++)
        {
            var p = Payloads[n];
            var (expert, enterprise, problem) = ($"E-s{n}", $"C-s{n}", $"P-s{n}");
            await Expect(failures, p, _client.PutAsJsonAsync($"/api/v1/experts/{expert}", new
            {
                // The organization differs from the enterprise's name: an expert of the enterprise itself would be a conflict of interest.
                id = expert, name = p, title = p, organization = "研究院" + p, region = p, fields = new[] { p }, societies = new[] { p }, languages = new[] { p[..Math.Min(p.Length, 20)] }, profile = p,
                works = new[] { new { kind = "paper", title = p, @abstract = p, keywords = new[] { p } } },
            }));
            await Expect(failures, p, _client.PutAsJsonAsync($"/api/v1/enterprises/{enterprise}", new { id = enterprise, name = p, industry = p, region = p }));
            await Expect(failures, p, _client.PutAsJsonAsync($"/api/v1/problems/{problem}",
                new { id = problem, enterpriseId = enterprise, title = p, description = p, industry = p, region = p, keywords = new[] { p } }));
            await Expect(failures, p, _client.PostAsJsonAsync("/api/v1/recommendations",
                new { title = p, description = p, industry = p, region = p, keywords = new[] { p }, expertIds = new[] { p } }));
            var match = await _client.PostAsJsonAsync("/api/v1/matches", new { problemId = problem, expertId = expert });
            var matchId = (await match.JsonAsync()).GetProperty("id").GetString();
            await Expect(failures, p, _client.PostAsJsonAsync($"/api/v1/matches/{matchId}/events",
                new { status = "contacted", occurredAt = "2026-05-01T09:00:00+08:00", note = p }));
            await Expect(failures, p, _client.PostAsJsonAsync("/api/v1/keys", new { role = "analyst", name = p }));
            // Waited for, so that no job is still writing when another test compares the database before and after.
            var job = await _client.FinishedJobAsync(await _client.StartJobAsync(new
            {
                kind = "rank-all", top = 1, problems = new { region = p, industry = p }, experts = new { society = p, region = p },
            }));

            var storedExpert = await (await _client.GetAsync($"/api/v1/experts/{expert}")).JsonAsync();
            var storedProblem = await (await _client.GetAsync($"/api/v1/problems/{problem}")).JsonAsync();
            var storedEnterprise = await (await _client.GetAsync($"/api/v1/enterprises/{enterprise}")).JsonAsync();
            var storedMatch = await (await _client.GetAsync($"/api/v1/matches/{matchId}")).JsonAsync();
            var read = new[]
            {
                storedExpert.GetProperty("name").GetString(), storedExpert.GetProperty("profile").GetString(),
                storedExpert.GetProperty("fields")[0].GetString(), storedExpert.GetProperty("works")[0].GetProperty("abstract").GetString(),
                storedProblem.GetProperty("title").GetString(), storedProblem.GetProperty("keywords")[0].GetString(),
                storedEnterprise.GetProperty("name").GetString(), storedMatch.GetProperty("events")[0].GetProperty("note").GetString(),
                job.GetProperty("settings").GetProperty("problems").GetProperty("region").GetString(),
                job.GetProperty("settings").GetProperty("experts").GetProperty("society").GetString(),
            };
            if (read.Any(value => value != p)) failures.Add($"{p}: read back as {string.Join(" | ", read)}");
        }

        Assert.That(failures, Is.Empty);
        Assert.That(Schema(), Does.Contain("api_keys").And.Contain("experts").And.Contain("enterprises"));
        Assert.That((await (await _client.GetAsync("/api/v1/enterprises/C-1")).JsonAsync()).GetProperty("name").GetString(), Is.EqualTo("余杭家纺"));
    }

    [Test]
    public async Task Payloads_that_are_valid_ids_are_stored_as_ids_and_found_by_them()
    {
        var failures = new List<string>();
        foreach (var p in IdPayloads)
        {
            var url = $"/api/v1/enterprises/{Uri.EscapeDataString(p)}";
            var created = await _client.PutAsJsonAsync(url, new { id = p, name = "注入测试" });
            var found = await _client.GetAsync(url);
            var id = found.IsSuccessStatusCode ? (await found.JsonAsync()).GetProperty("id").GetString() : null;
            if ((int)created.StatusCode != 201 || id != p) failures.Add($"{p}: PUT {(int)created.StatusCode}, GET {(int)found.StatusCode} {id}");
        }

        Assert.That(failures, Is.Empty);
        Assert.That((await (await _client.GetAsync("/api/v1/enterprises/C-1")).JsonAsync()).GetProperty("name").GetString(), Is.EqualTo("余杭家纺"));
    }

    [Test]
    public async Task Payloads_in_routes_queries_and_headers_change_nothing()
    {
        var before = Everything();
        var failures = new List<string>();
        var partner = _factory.ClientWith(await _factory.CreateKeyAsync("partner", "partner-x"));
        var after = Everything(); // the key just made is the only change
        foreach (var p in Payloads)
        {
            var id = Uri.EscapeDataString(p);
            var requests = new List<(HttpClient Client, HttpMethod Method, string Url)>();
            foreach (var resource in new[] { "experts", "enterprises", "problems", "matches" })
            {
                requests.Add((_client, HttpMethod.Get, $"/api/v1/{resource}/{id}"));
                requests.Add((partner, HttpMethod.Get, $"/api/v1/{resource}/{id}"));
            }
            foreach (var resource in new[] { "experts", "enterprises", "problems", "keys" })
                requests.Add((partner, HttpMethod.Delete, $"/api/v1/{resource}/{id}"));
            requests.Add((_client, HttpMethod.Get, $"/api/v1/problems/{id}/recommendations?top=5"));
            requests.Add((_client, HttpMethod.Get, $"/api/v1/matches?problemId={id}"));
            requests.Add((_client, HttpMethod.Get, $"/api/v1/problems?page={id}&pageSize={id}"));
            requests.Add((_client, HttpMethod.Get, $"/api/v1/problems/P-1/recommendations?top={id}"));
            requests.Add((_client, HttpMethod.Post, $"/api/v1/matches/{id}/events"));
            requests.Add((_client, HttpMethod.Get, $"/api/v1/experts/{id}/matches"));
            foreach (var path in new[] { "", "/results", "/exclusions" }) requests.Add((_client, HttpMethod.Get, $"/api/v1/jobs/{id}{path}"));
            requests.Add((_client, HttpMethod.Delete, $"/api/v1/jobs/{id}"));
            requests.Add((_client, HttpMethod.Post, $"/api/v1/jobs/{id}/accept"));
            requests.Add((partner, HttpMethod.Get, $"/api/v1/experts/{id}/matches"));
            // The reports' text filters reach their SQL as parameters (the region as a LIKE pattern).
            requests.Add((_client, HttpMethod.Get, $"/api/v1/reports/kpi?region={id}&industry={id}&society={id}&partner={id}"));
            requests.Add((partner, HttpMethod.Get, $"/api/v1/reports/kpi?region={id}&society={id}&format=csv"));
            requests.Add((_client, HttpMethod.Get, $"/api/v1/reports/matches?region={id}&industry={id}&status={id}"));
            requests.Add((partner, HttpMethod.Get, $"/api/v1/reports/matches?region={id}&format=xlsx"));

            foreach (var (client, method, url) in requests)
            {
                using var request = new HttpRequestMessage(method, url);
                // The payload rides in the headers that reach the database too: the idempotency key and If-Match.
                if (method == HttpMethod.Post) request.Content = JsonContent.Create(new { status = "contacted", occurredAt = "2026-05-01T09:00:00+08:00" });
                if (method == HttpMethod.Post) request.Headers.TryAddWithoutValidation("Idempotency-Key", p.All(char.IsAscii) ? p : id);
                if (method == HttpMethod.Delete) request.Headers.TryAddWithoutValidation("If-Match", $"\"{id}\"");
                var status = (int)(await client.SendAsync(request)).StatusCode;
                if (status >= 500 || status is >= 200 and < 300 && method != HttpMethod.Get) failures.Add($"{method} {url}: {status}");
            }

            // Headers travel as ASCII: the payload percent-encoded, as a portal would have to send it.
            foreach (var header in new[] { "X-Partner-Id", "X-Api-Key" })
            {
                using var client = _factory.ClientWith(header == "X-Api-Key" ? null : MatchmakerFactory.StaffKey);
                client.DefaultRequestHeaders.TryAddWithoutValidation(header, p.All(char.IsAscii) ? p : id);
                var response = await client.GetAsync("/api/v1/problems");
                var status = (int)response.StatusCode;
                if (status >= 500) failures.Add($"{header}: {p}: {status}");
                if (status == 200 && (await response.JsonAsync()).GetProperty("total").GetInt32() != 0)
                    failures.Add($"{header}: {p}: another tenant's problems were listed");
                if (header == "X-Api-Key" && status != 401) failures.Add($"{header}: {p}: {status}, expected 401");
            }
        }

        Assert.That(failures, Is.Empty);
        Assert.That(Everything(), Is.EqualTo(after));
        Assert.That(after, Is.Not.EqualTo(before), "the snapshot sees a change when there is one");
    }

    private static async Task Expect(List<string> failures, string payload, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            failures.Add($"{payload}: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Schema()
    {
        using var connection = _factory.Database.Open();
        return string.Join(",", connection.Query<string>(_factory.TestDatabase.TablesQuery));
    }

    /// <summary>Every row of every table, straight from the database.</summary>
    private static string Everything()
    {
        using var connection = _factory.Database.Open();
        var tables = connection.Query<string>(_factory.TestDatabase.TablesQuery).ToList();
        // Rows in a total order that needs no provider's row id: each row's JSON, sorted.
        return JsonSerializer.Serialize(tables.ToDictionary(t => t, t => connection.Query<object>($"SELECT * FROM {t}")
            .Select(row => JsonSerializer.Serialize(row)).Order(StringComparer.Ordinal).ToList()));
    }
}
