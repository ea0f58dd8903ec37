using System.Net;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Api;

/// <summary>Bad input gets RFC 9457 problem+json with the field and the reason, never a 500.</summary>
public class ErrorAnswerTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _client = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory();
        _client = await _factory.StartAsync();
        await _client.PostLinesAsync("/api/v1/experts/import", """{"id":"E-1","name":"陈立新","fields":["纺织涂层"]}""");
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    // Each case: a request a careless or hostile client sends, and the field the answer must name.
    [TestCase("POST", "/api/v1/recommendations", """{"title":"涂层开裂","colour":"red"}""", "colour", TestName = "Rejects_unknown_json_fields")]
    [TestCase("POST", "/api/v1/recommendations", """{"title":"涂层开裂","top":"ten"}""", "top", TestName = "Rejects_a_string_where_a_number_belongs")]
    [TestCase("POST", "/api/v1/recommendations", """{"title":"涂层开裂","top":0}""", "top", TestName = "Rejects_top_below_one")]
    [TestCase("POST", "/api/v1/recommendations", """{"title":"涂层开裂","top":101}""", "top", TestName = "Rejects_top_above_one_hundred")]
    [TestCase("POST", "/api/v1/recommendations", """{"industry":"家纺"}""", "title", TestName = "Rejects_a_problem_without_title_or_description")]
    [TestCase("POST", "/api/v1/recommendations", """{"title":"涂层开裂","keywords":null}""", "keywords", TestName = "Rejects_null_for_a_list")]
    [TestCase("POST", "/api/v1/recommendations", """{"title":"涂层""", "title", TestName = "Rejects_truncated_json_naming_where_it_broke")]
    [TestCase("POST", "/api/v1/recommendations", "[1,2]", "body", TestName = "Rejects_an_array_where_an_object_belongs")]
    [TestCase("POST", "/api/v1/recommendations", """{"title":"涂层开裂","top":99999999999999999999}""", "top", TestName = "Rejects_a_number_too_large_for_its_field")]
    [TestCase("PUT", "/api/v1/experts/E-9", """{"id":"E-8","name":"x"}""", "id", TestName = "Rejects_a_body_id_that_differs_from_the_url")]
    [TestCase("PUT", "/api/v1/experts/E-9", """{"id":"E-9","name":""}""", "name", TestName = "Rejects_an_empty_required_field")]
    [TestCase("PUT", "/api/v1/problems/P-9", """{"id":"P-9","title":"x","enterpriseId":"C-404"}""", "enterpriseId", TestName = "Rejects_a_reference_to_an_unknown_enterprise")]
    [TestCase("POST", "/api/v1/matches", """{"problemId":"P-404","expertId":"E-1"}""", "problemId", TestName = "Rejects_a_match_for_an_unknown_problem")]
    [TestCase("POST", "/api/v1/matches", """{"expertId":"E-1"}""", "problemId", TestName = "Rejects_a_match_without_a_problem")]
    [TestCase("GET", "/api/v1/problems?pageSize=501", null, "pageSize", TestName = "Rejects_a_page_size_above_500")]
    [TestCase("GET", "/api/v1/problems?page=0", null, "page", TestName = "Rejects_page_zero")]
    [TestCase("GET", "/api/v1/experts?page=abc", null, "page", TestName = "Rejects_a_page_that_is_not_a_number")]
    [TestCase("GET", "/api/v1/problems/P-1/recommendations?top=-1", null, "top", TestName = "Rejects_a_negative_top_in_the_query")]
    public async Task Answers_bad_input_with_a_validation_problem(string method, string url, string? body, string field)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.JsonAsync();
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(400));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain(field));
    }

    [TestCase("/api/v1/recommendations", """{"title":"遮光涂层","description":"低温开裂","industry":"家纺","region":"余杭","keywords":["涂层"],"top":5,"expertIds":["E-1"]}""")]
    [TestCase("/api/v1/matches", """{"problemId":"P-del","expertId":"E-1"}""")]
    public async Task Never_answers_mangled_json_bodies_with_a_server_error(string url, string valid)
    {
        var random = new Random(11);
        var bytes = System.Text.Encoding.UTF8.GetBytes(valid);
        var statuses = new List<int>();
        for (var i = 0; i < 300; i++)
        {
            var body = (byte[])bytes.Clone();
            for (var k = 0; k <= i % 3; k++) body[random.Next(body.Length)] = (byte)random.Next(256);
            if (i % 5 == 0) body = body[..random.Next(1, body.Length)];
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            statuses.Add((int)(await _client.PostAsync(url, content)).StatusCode);
        }

        Assert.That(statuses, Has.None.GreaterThanOrEqualTo(500));
        Assert.That(statuses, Has.Some.EqualTo(400));
    }

    [TestCase("/api/v1/experts/E-404")]
    [TestCase("/api/v1/problems/P-404")]
    [TestCase("/api/v1/enterprises/C-404")]
    [TestCase("/api/v1/matches/M-404")]
    [TestCase("/api/v1/problems/P-404/recommendations")]
    public async Task Answers_unknown_ids_with_404_problem(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Does.Contain("404"));
    }

    [Test]
    public async Task Answers_a_json_body_sent_as_text_with_415_problem()
    {
        var response = await _client.PostAsync("/api/v1/recommendations", new StringContent("""{"title":"x"}""", System.Text.Encoding.UTF8, "text/plain"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Refuses_to_delete_an_expert_who_has_matches_with_409()
    {
        await _client.PostLinesAsync("/api/v1/problems/import", """{"id":"P-del","title":"遮光涂层开裂"}""");
        await _client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-del","expertId":"E-1"}""");

        var response = await _client.DeleteAsync("/api/v1/experts/E-1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await response.JsonAsync()).GetProperty("detail").GetString(), Does.Contain("available=false"));
        Assert.That((await _client.GetAsync("/api/v1/experts/E-1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Documents_every_route_with_a_summary()
    {
        var document = await (await _client.GetAsync("/swagger/v1/swagger.json")).JsonAsync();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Route: $"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)))
            .ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(operations.Where(op => !op.Value.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString())).Select(op => op.Route),
            Is.Empty);
        Assert.That((await _client.GetAsync("/swagger/index.html")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
