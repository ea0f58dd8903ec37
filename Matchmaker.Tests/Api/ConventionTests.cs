using System.Net;
using System.Text.RegularExpressions;

namespace Matchmaker.Tests.Api;

/// <summary>What partners expect of every answer: a request id, the rate limit's state, and lists with their links.</summary>
public class ConventionTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _client = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory(settings: new Dictionary<string, string> { ["Limits:RequestsPerMinute"] = "1000" });
        _client = await _factory.StartAsync();
        var lines = Enumerable.Range(1, 7).Select(i => $$"""{"id":"E-{{i}}","name":"专家{{i}}","fields":["纺织涂层"]}""").ToArray();
        (await _client.PostLinesAsync("/api/v1/experts/import", lines)).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    [Test]
    public async Task A_request_id_the_client_sends_is_echoed_and_named_in_problem_answers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/experts/E-404");
        request.Headers.Add("X-Request-Id", "portal-7f3a:42");

        var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Headers.GetValues("X-Request-Id").Single(), Is.EqualTo("portal-7f3a:42"));
        Assert.That((await response.JsonAsync()).GetProperty("traceId").GetString(), Is.EqualTo("portal-7f3a:42"));
    }

    // Each case: a request id that is not taken as it is, and is replaced by one of our own.
    [TestCase("two words", TestName = "A_request_id_with_a_space_is_replaced")]
    [TestCase("<script>", TestName = "A_request_id_with_markup_is_replaced")]
    [TestCase("", TestName = "An_empty_request_id_is_replaced")]
    public async Task Answers_carry_a_request_id_of_their_own_when_the_client_sends_none_or_a_bad_one(string sent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/experts");
        if (sent.Length > 0) request.Headers.TryAddWithoutValidation("X-Request-Id", sent);
        var tooLong = new HttpRequestMessage(HttpMethod.Get, "/health");
        tooLong.Headers.Add("X-Request-Id", new string('a', 129));

        var response = await _client.SendAsync(request);
        var anonymous = await _factory.ClientWith(key: null).GetAsync("/api/v1/experts");
        var longAnswer = await _client.SendAsync(tooLong);

        var id = response.Headers.GetValues("X-Request-Id").Single();
        Assert.That(id, Does.Match("^[0-9a-f]{32}$").And.Not.EqualTo(sent));
        Assert.That(anonymous.Headers.GetValues("X-Request-Id").Single(), Does.Match("^[0-9a-f]{32}$").And.Not.EqualTo(id));
        Assert.That((await anonymous.JsonAsync()).GetProperty("traceId").GetString(), Is.EqualTo(anonymous.Headers.GetValues("X-Request-Id").Single()));
        Assert.That(longAnswer.Headers.GetValues("X-Request-Id").Single(), Has.Length.EqualTo(32));
    }

    [Test]
    public async Task Answers_under_the_rate_limit_tell_its_policy_and_what_is_left()
    {
        var client = _factory.ClientWith(await _factory.CreateKeyAsync("analyst"));

        var first = await client.GetAsync("/api/v1/experts");
        var second = await client.GetAsync("/api/v1/experts/E-404");
        var health = await client.GetAsync("/health");

        Assert.That(first.Headers.GetValues("RateLimit-Policy").Single(), Is.EqualTo("\"per-key\";q=1000;w=60"));
        var (r1, t1) = State(first);
        var (r2, t2) = State(second);
        Assert.That(r1, Is.EqualTo(999), "the first request of a new key");
        Assert.That(r2, Is.EqualTo(998), "a 404 counts too, and carries the fields");
        Assert.That(t1, Is.InRange(1, 60));
        Assert.That(t2, Is.InRange(1, t1));
        Assert.That(health.Headers.Contains("RateLimit"), Is.False, "health checks are not limited");
    }

    [Test]
    public async Task Lists_link_to_the_next_and_previous_pages_keeping_other_parameters()
    {
        var first = await _client.GetAsync("/api/v1/experts?pageSize=3");
        var middle = await _client.GetAsync("/api/v1/experts?page=2&pageSize=3");
        var last = await _client.GetAsync("/api/v1/experts?page=3&pageSize=3");
        var beyond = await _client.GetAsync("/api/v1/experts?page=9&pageSize=3");
        var societies = await _client.GetAsync("/api/v1/societies?pageSize=1");

        Assert.That(Links(first), Is.EqualTo(new Dictionary<string, string> { ["next"] = "/api/v1/experts?page=2&pageSize=3" }));
        Assert.That(Links(middle), Is.EqualTo(new Dictionary<string, string>
        {
            ["next"] = "/api/v1/experts?page=3&pageSize=3", ["prev"] = "/api/v1/experts?page=1&pageSize=3",
        }));
        Assert.That(Links(last), Is.EqualTo(new Dictionary<string, string> { ["prev"] = "/api/v1/experts?page=2&pageSize=3" }));
        Assert.That(Links(beyond), Is.EqualTo(new Dictionary<string, string> { ["prev"] = "/api/v1/experts?page=3&pageSize=3" }), "back to the last page");
        var page = await middle.JsonAsync();
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
        Assert.That((page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32(), page.GetProperty("total").GetInt32()), Is.EqualTo((2, 3, 7)));
        Assert.That(societies.Headers.Contains("Link"), Is.False, "an empty list has no other page");
    }

    [Test]
    public async Task Every_list_answers_a_page()
    {
        (await _client.PutAsync("/api/v1/problems/P-1", System.Net.Http.Json.JsonContent.Create(new { id = "P-1", title = "涂层开裂" }))).EnsureSuccessStatusCode();
        string[] lists = ["/api/v1/experts", "/api/v1/enterprises", "/api/v1/problems", "/api/v1/societies", "/api/v1/keys", "/api/v1/matches?problemId=P-1"];

        foreach (var url in lists)
        {
            var page = await (await _client.GetAsync(url)).JsonAsync();
            Assert.That(page.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "items", "page", "pageSize", "total" }), url);
        }
    }

    [Test]
    public async Task Json_answers_are_compressed_for_clients_that_ask_but_never_one_that_holds_a_new_key()
    {
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/v1/experts");
        list.Headers.AcceptEncoding.ParseAdd("br");
        using var key = new HttpRequestMessage(HttpMethod.Post, "/api/v1/keys") { Content = System.Net.Http.Json.JsonContent.Create(new { role = "analyst", name = "压缩测试" }) };
        key.Headers.AcceptEncoding.ParseAdd("br");
        key.Headers.AcceptEncoding.ParseAdd("gzip");

        var compressed = await _client.SendAsync(list);
        var created = await _client.SendAsync(key);

        Assert.That(compressed.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "br" }));
        await using var brotli = new System.IO.Compression.BrotliStream(await compressed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        Assert.That(System.Text.Json.JsonDocument.Parse(brotli).RootElement.GetProperty("total").GetInt32(), Is.EqualTo(7));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(created.Content.Headers.ContentEncoding, Is.Empty);
        Assert.That((await created.JsonAsync()).GetProperty("key").GetString(), Does.StartWith("mmk_"));
    }

    private static (int Remaining, int Reset) State(HttpResponseMessage response)
    {
        var match = Regex.Match(response.Headers.GetValues("RateLimit").Single(), "^\"per-key\";r=(\\d+);t=(\\d+)$");
        Assert.That(match.Success, Is.True, response.Headers.GetValues("RateLimit").Single());
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, string> Links(HttpResponseMessage response) =>
        !response.Headers.TryGetValues("Link", out var values) ? [] :
            Regex.Matches(string.Join(",", values), "<([^>]+)>; rel=\"(\\w+)\"").ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
}
