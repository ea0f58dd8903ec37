using System.Net;
using System.Text;
using System.Text.Json;

namespace Matchmaker.Tests.Api;

/// <summary>
/// The OpenAPI document partner portals generate their clients from: complete (a summary and the shared problem
/// answers on every operation, a description on every tag, an example on every body), open without a key, and with
/// examples that work when sent as they are.
/// </summary>
public class OpenApiDocumentTests
{
    private static MatchmakerFactory _factory = null!;
    private static OpenApi _document = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory();
        await _factory.StartAsync();
        _document = await OpenApi.LoadAsync(_factory.ClientWith(key: null));
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    [Test]
    public void Every_operation_has_a_summary_every_tag_a_description_and_every_body_an_example()
    {
        var tags = _document.Root.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        var failures = new List<string>();
        foreach (var (name, operation) in _document.Operations)
        {
            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())) failures.Add($"{name}: no summary");
            foreach (var tag in operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!))
                if (string.IsNullOrWhiteSpace(tags.GetValueOrDefault(tag))) failures.Add($"{name}: tag {tag} has no description");
            if (!operation.TryGetProperty("requestBody", out var body)) continue;
            foreach (var media in body.GetProperty("content").EnumerateObject())
                if (!media.Value.TryGetProperty("example", out _)) failures.Add($"{name}: no example for {media.Name}");
        }

        Assert.That(_document.Operations, Has.Count.GreaterThanOrEqualTo(27));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Every_secured_operation_lists_the_answers_of_the_key_check_the_limits_and_the_timeout_as_problems()
    {
        var failures = new List<string>();
        foreach (var (name, operation) in _document.Operations.Where(o => o.Key != "GET /health"))
        {
            var statuses = OpenApi.Statuses(operation);
            foreach (var status in new[] { 400, 401, 403, 429, 503 })
                if (!statuses.Contains(status)) failures.Add($"{name}: no {status}");
            if (operation.TryGetProperty("requestBody", out _) && !new[] { 413, 415 }.All(statuses.Contains)) failures.Add($"{name}: no 413/415");
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name is not ("408" or "414" or "431") && r.Name[0] is '4' or '5'))
            {
                var schema = response.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
                var expected = response.Name is "400" or "422" ? "#/components/schemas/ValidationProblemDetails" : "#/components/schemas/ProblemDetails";
                if (schema != expected) failures.Add($"{name} {response.Name}: {schema}");
            }
            var tooMany = operation.GetProperty("responses").GetProperty("429");
            if (!tooMany.GetProperty("headers").TryGetProperty("Retry-After", out _)) failures.Add($"{name}: 429 without Retry-After");
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Every_success_answer_but_204_names_its_media_types()
    {
        var bare = _document.Operations
            .SelectMany(o => o.Value.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name[0] == '2' && r.Name != "204" && !(r.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any()))
                .Select(r => $"{o.Key} {r.Name}"))
            .ToList();

        Assert.That(bare, Is.Empty);
    }

    [Test]
    public async Task Health_and_the_document_need_no_key_and_say_so()
    {
        var health = _document.Operations["GET /health"];
        var anonymous = _factory.ClientWith(key: null);

        Assert.That(health.GetProperty("security").GetArrayLength(), Is.Zero, "an empty requirement overrides the document's");
        Assert.That(_document.Root.GetProperty("security").GetArrayLength(), Is.EqualTo(1), "everything else needs the key");
        Assert.That(_document.Root.GetProperty("info").GetProperty("description").GetString(), Does.Contain("need none"));
        Assert.That((await anonymous.GetAsync(OpenApi.Path)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await anonymous.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await anonymous.GetAsync("/api/v1/experts")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_servers_entry_and_the_license_lead_somewhere()
    {
        var server = _document.Root.GetProperty("servers")[0].GetProperty("url").GetString();
        var license = _document.Root.GetProperty("info").GetProperty("license");

        Assert.That(server, Is.EqualTo("http://localhost"), "the server that served the document, as the client reached it");
        var terms = await _factory.ClientWith(key: null).GetAsync(license.GetProperty("url").GetString());
        Assert.That(terms.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await terms.Content.ReadAsStringAsync(), Does.Contain("使用条款"));
    }

    [Test]
    public async Task The_request_examples_work_as_written()
    {
        // In the order a new partner would send them: each example names records the earlier ones create.
        string[] order =
        [
            "POST /api/v1/keys", "POST /api/v1/experts/import", "PUT /api/v1/experts/{id}", "POST /api/v1/enterprises/import",
            "PUT /api/v1/enterprises/{id}", "POST /api/v1/problems/import", "PUT /api/v1/problems/{id}", "POST /api/v1/recommendations",
            "POST /api/v1/matches", "POST /api/v1/matches/{id}/events", "POST /api/v1/experts/{id}/conflicts", "POST /api/v1/models/train",
            "POST /api/v1/jobs",
        ];
        var withBodies = _document.Operations.Where(o => o.Value.TryGetProperty("requestBody", out _)).Select(o => o.Key);
        Assert.That(order, Is.EquivalentTo(withBodies), "every operation with a body is tried");
        var staff = _factory.CreateClient();
        var match = "";
        var failures = new List<string>();
        foreach (var name in order)
        {
            var content = _document.Operations[name].GetProperty("requestBody").GetProperty("content").EnumerateObject().Single();
            var example = content.Value.GetProperty("example");
            var body = example.ValueKind == JsonValueKind.String ? example.GetString()! : example.GetRawText();
            var path = name.Split(' ')[1];
            if (path.Contains("{id}", StringComparison.Ordinal)) path = path.Replace("{id}",
                name.Contains("matches", StringComparison.Ordinal) ? match : name.Contains("conflicts", StringComparison.Ordinal) ? "E-9003" : IdOf(body),
                StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(name.Split(' ')[0]), path) { Content = new StringContent(body, Encoding.UTF8, content.Name) };

            var response = await staff.SendAsync(request);

            var answer = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) failures.Add($"{name}: {(int)response.StatusCode} {answer}");
            else if (name.EndsWith("/import", StringComparison.Ordinal) && JsonDocument.Parse(answer).RootElement.GetProperty("failed").GetInt32() > 0)
                failures.Add($"{name}: refused lines: {answer}");
            if (name == "POST /api/v1/matches" && response.IsSuccessStatusCode) match = JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!;
        }

        Assert.That(failures, Is.Empty);
    }

    private static string IdOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
}
