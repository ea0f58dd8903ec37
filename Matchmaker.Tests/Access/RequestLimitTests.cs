using System.Net;
using System.Net.Http.Json;
using System.Text;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Access;

/// <summary>Body and header sizes through a real Kestrel server, the rate limit per key counted exactly, and timeouts.</summary>
[Order(1)] // before DocumentedStatusTests, which reads the answers recorded here
public class RequestLimitTests
{
    private static MatchmakerFactory _kestrel = null!;
    private static HttpClient _client = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        // The test server does not enforce Kestrel's limits: these tests go over a socket.
        _kestrel = new MatchmakerFactory(settings: new Dictionary<string, string> { ["Limits:ImportTimeoutSeconds"] = "1" });
        _kestrel.UseKestrel(0);
        _client = await _kestrel.StartAsync();
        Assert.That(_client.BaseAddress?.Host, Is.EqualTo("127.0.0.1").Or.EqualTo("localhost"), "a real socket");
    }

    [OneTimeTearDown]
    public static void Stop() => _kestrel.Dispose();

    [Test]
    public async Task A_json_body_over_one_megabyte_is_refused_with_413()
    {
        var justUnder = await SendAsync(HttpMethod.Put, "/api/v1/enterprises/C-big", JsonContent.Create(new { id = "C-big", name = new string('x', 1_000_000) }));
        var over = await SendAsync(HttpMethod.Put, "/api/v1/enterprises/C-big", JsonContent.Create(new { id = "C-big", name = new string('x', 1_100_000) }));

        Assert.That(justUnder.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "under the limit the body is read and the name refused");
        Assert.That(over.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(over.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await _client.GetAsync("/api/v1/enterprises/C-big")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_import_may_send_up_to_twenty_megabytes()
    {
        string Lines(int count) => string.Join("\n", Enumerable.Range(0, count).Select(i =>
            $$"""{"id":"C-imp{{i}}","name":"{{new string('企', 100)}}余杭家纺企业{{i}}","industry":"家纺","region":"杭州市余杭区"}"""));
        var five = Lines(15_000);
        var tooLarge = Lines(62_000);

        var accepted = await SendAsync(HttpMethod.Post, "/api/v1/enterprises/import", new StringContent(five, Encoding.UTF8, "application/x-ndjson"));
        var refused = await SendAsync(HttpMethod.Post, "/api/v1/enterprises/import", new StringContent(tooLarge, Encoding.UTF8, "application/x-ndjson"));

        Assert.That(Encoding.UTF8.GetByteCount(five), Is.GreaterThan(5_000_000));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await accepted.JsonAsync()).GetProperty("created").GetInt32(), Is.EqualTo(15_000));
        Assert.That(Encoding.UTF8.GetByteCount(tooLarge), Is.GreaterThan(20 * 1024 * 1024));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task Headers_over_32_kilobytes_are_refused_with_431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/experts");
        request.Headers.Add("X-Padding", new string('a', 40 * 1024));

        var response = await _client.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(431));
    }

    [Test]
    public async Task A_stalled_import_is_cut_off_by_the_request_timeout_with_503_problem()
    {
        var (status, answer, took) = await StallAsync("/api/v1/experts/import", "application/x-ndjson", "{\"id\":");

        Assert.That(status, Is.EqualTo(503), answer);
        Assert.That(answer, Does.Contain("application/problem+json"));
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(4)), "the import timeout of this server is 1 s");
    }

    [Test]
    public async Task A_stalled_json_body_is_answered_408_by_kestrel()
    {
        var (status, answer, took) = await StallAsync("/api/v1/recommendations", "application/json", "{\"title\":");

        Assert.That(status, Is.EqualTo(408), answer);
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(15)), "Kestrel wants 240 bytes/s after a grace of 5 s");
    }

    [Test]
    public async Task The_rate_limit_counts_each_keys_requests_exactly()
    {
        using var factory = new MatchmakerFactory(settings: new Dictionary<string, string> { ["Limits:RequestsPerMinute"] = "7" });
        await factory.StartAsync();
        var first = factory.ClientWith(await factory.CreateKeyAsync("partner", "p1"));
        var second = factory.ClientWith(await factory.CreateKeyAsync("partner", "p2"));
        string[] urls = ["/api/v1/experts", "/api/v1/problems", "/api/v1/enterprises", "/api/v1/societies", "/api/v1/keys/current"];

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++) allowed.Add((await first.GetAsync(urls[i % urls.Length])).StatusCode);
        var eighth = await first.GetAsync("/api/v1/experts");
        var other = await second.GetAsync("/api/v1/experts");
        var health = await factory.ClientWith(null).GetAsync("/health");

        Assert.That(allowed, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(eighth.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(eighth.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(eighth.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another key has its own count");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "health checks are not counted");
    }

    [Test]
    public async Task A_ranking_beyond_the_concurrency_limit_and_its_queue_gets_429()
    {
        using var factory = new MatchmakerFactory(
            settings: new Dictionary<string, string> { ["Limits:RankingConcurrency"] = "1", ["Limits:RankingQueue"] = "0" });
        factory.UseKestrel(0);
        var client = await factory.StartAsync();
        var body = """{"title":"遮光涂层低温开裂","top":3}""";

        // The limiter admits a request before its body is read: one whose body is slow to come holds the only place.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /api/v1/recommendations HTTP/1.1\r\nHost: localhost\r\n" +
            $"X-Api-Key: {MatchmakerFactory.StaffKey}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n"));
        await Task.Delay(500);
        var refused = await client.PostAsJsonAsync("/api/v1/recommendations", new { title = "涂层", top = 3 });
        await stream.WriteAsync(Encoding.UTF8.GetBytes(body));
        var buffer = new byte[8192];
        var held = Encoding.UTF8.GetString(buffer, 0, await stream.ReadAsync(buffer));
        // The place is given back just after the answer is written: allow it a moment.
        var afterwards = await client.PostAsJsonAsync("/api/v1/recommendations", new { title = "涂层", top = 3 });
        for (var attempt = 0; attempt < 20 && afterwards.StatusCode == HttpStatusCode.TooManyRequests; attempt++)
        {
            await Task.Delay(100);
            afterwards = await client.PostAsJsonAsync("/api/v1/recommendations", new { title = "涂层", top = 3 });
        }

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(held, Does.StartWith("HTTP/1.1 200"));
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the place is free again");
    }

    // With "Expect: 100-continue" a refused body is not sent at all, so the client reads the answer instead of
    // failing to write into a connection the server has closed.
    private static Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent content)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.ExpectContinue = true;
        return _client.SendAsync(request);
    }

    /// <summary>Sends the headers and the first bytes of a body of 100 bytes over a raw socket, then nothing.</summary>
    private static async Task<(int Status, string Answer, TimeSpan Took)> StallAsync(string path, string contentType, string start)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(_client.BaseAddress!.Host, _client.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {MatchmakerFactory.StaffKey}\r\n" +
                   $"Content-Type: {contentType}\r\nContent-Length: 100\r\n\r\n{start}";
        var started = DateTime.UtcNow;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var buffer = new byte[4096];
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await stream.ReadAsync(buffer, wait.Token);
        var answer = Encoding.UTF8.GetString(buffer, 0, read);
        var status = int.Parse(answer.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, answer, DateTime.UtcNow - started);
    }
}
