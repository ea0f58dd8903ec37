using System.Net;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Ranking;

/// <summary>The API as a new user meets it: an empty database seeded from data/ at first start.</summary>
public class DemoDataTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _client = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory(seedDemoData: true);
        _client = await _factory.StartAsync();
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    [Test]
    public async Task Seeds_the_whole_demo_data_set_into_an_empty_database()
    {
        var lines = (string file) => File.ReadLines(Path.Combine(Paths.RepositoryRoot, "data", file)).Count(l => l.Trim().Length > 0);

        var health = await (await _client.GetAsync("/health")).JsonAsync();
        var problems = await (await _client.GetAsync("/api/v1/problems?pageSize=1")).JsonAsync();
        var enterprises = await (await _client.GetAsync("/api/v1/enterprises?pageSize=1")).JsonAsync();
        var societies = await (await _client.GetAsync("/api/v1/societies")).JsonAsync();

        Assert.That(health.GetProperty("experts").GetInt32(), Is.EqualTo(lines("experts.jsonl")).And.GreaterThanOrEqualTo(300));
        Assert.That(health.GetProperty("indexedExperts").GetInt32(), Is.EqualTo(lines("experts.jsonl")));
        Assert.That(problems.GetProperty("total").GetInt32(), Is.EqualTo(lines("problems.jsonl")).And.GreaterThanOrEqualTo(250));
        Assert.That(enterprises.GetProperty("total").GetInt32(), Is.EqualTo(lines("enterprises.jsonl")).And.GreaterThanOrEqualTo(150));
        Assert.That(societies.GetProperty("total").GetInt32(), Is.EqualTo(lines("societies.jsonl")).And.GreaterThanOrEqualTo(40));
    }

    [Test]
    public async Task Recommends_ten_experts_for_chinese_demo_problems_with_chinese_terms_from_the_problem()
    {
        var page = await (await _client.GetAsync("/api/v1/problems?pageSize=500")).ReadAsync<Matchmaker.Api.Hosting.PageOf<Problem>>();
        var chinese = page.Items.Where(p => (p.Title ?? "").Any(c => c >= '\u4e00' && c <= '\u9fff')).Take(20).ToList();
        Assert.That(chinese, Has.Count.EqualTo(20));

        foreach (var problem in chinese)
        {
            var response = await _client.GetAsync($"/api/v1/problems/{problem.Id}/recommendations?top=10");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var result = await response.ReadAsync<Recommendation>();
            var text = $"{problem.Title}{problem.Description}{string.Join("", problem.Keywords)}{problem.Industry}".ToLowerInvariant();

            Assert.That(result.Items, Has.Count.EqualTo(10), problem.Id);
            var terms = result.Items[0].Reasons!.MatchedTerms;
            Assert.That(terms, Is.Not.Empty, problem.Id);
            Assert.That(terms.Where(t => t.Any(c => c >= '\u4e00' && c <= '\u9fff')), Is.Not.Empty.And.All.Matches<string>(text.Contains), problem.Id);
        }
    }
}
