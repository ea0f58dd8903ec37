using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Matchmaker.Core.Ranking;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Ranking;

/// <summary>What a recommendation answer carries at each level of <c>explain</c>, and how it is written: lean figures, Chinese as UTF-8.</summary>
public class RecommendationAnswerTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _client = null!;
    private static List<string> _problems = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory(seedDemoData: true);
        _client = await _factory.StartAsync();
        var page = await (await _client.GetAsync("/api/v1/problems?pageSize=500")).JsonAsync();
        _problems = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    [Test]
    public async Task Explain_none_gives_ids_names_kinds_organizations_scores_and_ranks_only()
    {
        var none = await ItemsAsync("P-YH-0002", "none");
        var full = await ItemsAsync("P-YH-0002", "full");

        Assert.That(none.SelectMany(i => i.EnumerateObject().Select(p => p.Name)).Distinct(),
            Is.EquivalentTo(new[] { "expertId", "name", "kind", "organization", "score", "rank" }));
        Assert.That(none.Select(Summary), Is.EqualTo(full.Select(Summary)), "the same experts, scores and ranks");
    }

    [Test]
    public async Task Explain_terms_adds_the_matched_terms_and_nothing_else()
    {
        var terms = await ItemsAsync("P-YH-0002", "terms");
        var full = await ItemsAsync("P-YH-0002", null);

        Assert.That(terms.Select(i => i.GetProperty("reasons").EnumerateObject().Select(p => p.Name).Single()), Is.All.EqualTo("matchedTerms"));
        Assert.That(terms.Select(i => i.GetProperty("reasons").GetProperty("matchedTerms").GetRawText()),
            Is.EqualTo(full.Select(i => i.GetProperty("reasons").GetProperty("matchedTerms").GetRawText())));
        Assert.That(full[0].GetProperty("reasons").EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "matchedTerms", "termWeights", "supportingWorks", "features" }), "full is the default");
        Assert.That(full.Select(i => i.GetProperty("reasons").GetProperty("termWeights").EnumerateObject().Select(p => p.Name)),
            Is.EqualTo(full.Select(i => i.GetProperty("reasons").GetProperty("matchedTerms").EnumerateArray().Select(t => t.GetString()))),
            "a share for each matched term, in the same order");
    }

    [Test]
    public async Task Only_explain_full_gives_the_weights_of_the_features_once_for_the_answer()
    {
        var answers = new Dictionary<string, JsonElement>();
        foreach (var level in new[] { "none", "terms", "full" })
            answers[level] = await (await _client.GetAsync($"/api/v1/problems/P-YH-0002/recommendations?explain={level}")).JsonAsync();

        Assert.That(answers["none"].TryGetProperty("weights", out _) || answers["terms"].TryGetProperty("weights", out _), Is.False);
        var weights = answers["full"].GetProperty("weights").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var weighing = MatchFeatures.Names.Zip(RankingOptions.Default.Weights.ToArray()).Where(p => p.Second > 0).Select(p => p.First);
        Assert.That(weights.Keys, Is.EqualTo(weighing.Select(n => char.ToLowerInvariant(n[0]) + n[1..])), "the features that weigh, in order");
        Assert.That(weights.Values.Sum(), Is.EqualTo(1).Within(5e-4));
        foreach (var item in answers["full"].GetProperty("items").EnumerateArray())
        {
            var features = item.GetProperty("reasons").GetProperty("features");
            Assert.That(weights.Sum(w => w.Value * features.GetProperty(w.Key).GetDouble()),
                Is.EqualTo(item.GetProperty("score").GetDouble()).Within(4e-4), "the score is the sum of weight × feature");
        }
    }

    [Test]
    public async Task Supporting_works_are_the_best_three_with_at_least_the_least_support()
    {
        var similarities = new List<double>();
        foreach (var problem in _problems.Take(40))
            foreach (var item in await ItemsAsync(problem, "full"))
            {
                var works = item.GetProperty("reasons").GetProperty("supportingWorks").EnumerateArray().Select(w => w.GetProperty("similarity").GetDouble()).ToList();
                Assert.That(works, Has.Count.LessThanOrEqualTo(Ranker.MaxSupportingWorks).And.Ordered.Descending);
                similarities.AddRange(works);
            }

        Assert.That(similarities, Is.Not.Empty.And.All.GreaterThanOrEqualTo(Ranker.MinSupport));
    }

    // Each case: an explain value that is not one of none, terms and full.
    [TestCase("everything", TestName = "Rejects_an_unknown_explain_level")]
    [TestCase("5", TestName = "Rejects_a_number_as_explain_level")]
    public async Task Rejects_other_explain_levels_naming_the_parameter(string explain)
    {
        var stored = await _client.GetAsync($"/api/v1/problems/P-YH-0002/recommendations?explain={explain}");
        var adHoc = await _client.PostJsonTextAsync($"/api/v1/recommendations?explain={explain}", """{"title":"窗帘阻燃"}""");

        foreach (var response in new[] { stored, adHoc })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain("explain"));
        }
    }

    [Test]
    public async Task Figures_have_at_most_four_decimals_and_chinese_stays_unescaped_utf8()
    {
        var response = await _client.GetAsync("/api/v1/problems/P-YH-0002/recommendations?top=10");
        var adHoc = await _client.PostJsonTextAsync("/api/v1/recommendations", """{"title":"注塑件翘曲变形","description":"汽车内饰件注塑后翘曲超差"}""");

        foreach (var body in new[] { await response.Content.ReadAsStringAsync(), await adHoc.Content.ReadAsStringAsync() })
        {
            Assert.That(Regex.Matches(body, @"\d\.\d{5,}").Select(m => m.Value), Is.Empty);
            Assert.That(body, Does.Not.Contain("\\u"), "no escaped characters");
            Assert.That(body.Count(c => c >= '\u4e00' && c <= '\u9fff'), Is.GreaterThan(50), "names and terms in Chinese characters");
        }
        Assert.That(response.Content.Headers.ContentType?.CharSet, Is.EqualTo("utf-8"));
    }

    [Test]
    public async Task An_answer_without_reasons_is_at_most_a_fifth_of_a_full_one_on_the_demo_problems()
    {
        var bytes = new Dictionary<string, long> { ["none"] = 0, ["terms"] = 0, ["full"] = 0 };
        foreach (var problem in _problems)
            foreach (var level in bytes.Keys)
                bytes[level] += (await _client.GetByteArrayAsync($"/api/v1/problems/{problem}/recommendations?top=10&explain={level}")).Length;

        TestContext.Out.WriteLine($"mean bytes of a 10-expert answer over {_problems.Count} demo problems: " +
            string.Join(", ", bytes.Select(b => $"{b.Key} {b.Value / _problems.Count:N0}")));
        Assert.That(bytes["none"], Is.LessThanOrEqualTo(bytes["full"] / 5));
        Assert.That(bytes["terms"], Is.LessThan(bytes["full"]).And.GreaterThan(bytes["none"]));
    }

    private static async Task<List<JsonElement>> ItemsAsync(string problem, string? explain)
    {
        var url = $"/api/v1/problems/{problem}/recommendations?top=10" + (explain is null ? "" : $"&explain={explain}");
        var answer = await (await _client.GetAsync(url)).JsonAsync();
        return answer.GetProperty("items").EnumerateArray().ToList();
    }

    private static string Summary(JsonElement item) =>
        $"{item.GetProperty("rank")} {item.GetProperty("expertId")} {item.GetProperty("score")} {item.GetProperty("name")} {item.GetProperty("kind")}";
}
