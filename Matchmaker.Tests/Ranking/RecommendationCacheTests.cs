using System.Net.Http.Json;
using Matchmaker.Core.Ranking;
using Matchmaker.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Ranking;

/// <summary>
/// Rankings of stored problems are kept, and never served stale: a change of the problem's text, of any expert, or
/// a refit of the index is seen by the very next answer.
/// </summary>
public class RecommendationCacheTests : FreshApiTest
{
    private const string Url = "/api/v1/problems/P-1/recommendations?top=3";

    [SetUp]
    public async Task Seed()
    {
        await Client.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-coat","name":"陈立新","fields":["纺织涂层"],"profile":"遮光涂层低温开裂与聚氨酯软段改性"}""",
            """{"id":"E-mold","name":"周宁","fields":["注塑模具"],"profile":"注塑件翘曲与模具随形冷却水路"}""",
            """{"id":"E-pear","name":"李梨","fields":["梨树栽培"],"profile":"蜜梨测土配方施肥与梨园土壤板结"}""");
        (await Client.PutAsJsonAsync("/api/v1/problems/P-1", new { id = "P-1", title = "遮光涂层低温开裂" })).EnsureSuccessStatusCode();
    }

    [Test]
    public async Task Asking_again_for_a_stored_problem_reuses_its_ranking()
    {
        var first = await Client.GetStringAsync(Url);
        var before = await CacheAsync();
        var second = await Client.GetStringAsync(Url);
        var other = await Client.GetStringAsync(Url + "&explain=none");
        var after = await CacheAsync();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(after.Hits - before.Hits, Is.EqualTo(1), "the same question");
        Assert.That(after.Misses - before.Misses, Is.EqualTo(1), "another level of explanation is another ranking");
        Assert.That(other, Does.Not.Contain("reasons"));
    }

    [Test]
    public async Task A_change_of_the_problems_text_is_ranked_afresh()
    {
        var before = await TopAsync();
        (await Client.PutAsJsonAsync("/api/v1/problems/P-1", new { id = "P-1", title = "注塑件翘曲变形" })).EnsureSuccessStatusCode();

        Assert.That(before, Is.EqualTo("E-coat"));
        Assert.That(await TopAsync(), Is.EqualTo("E-mold"));
    }

    [Test]
    public async Task A_change_of_an_expert_is_seen_by_the_next_answer()
    {
        var before = await TopAsync();
        (await Client.PutAsJsonAsync("/api/v1/experts/E-coat", new { id = "E-coat", name = "陈立新", available = false })).EnsureSuccessStatusCode();
        var unavailable = await Client.GetStringAsync(Url);
        await Client.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-new","name":"王新","fields":["纺织涂层"],"profile":"遮光涂层低温开裂"}""");

        Assert.That(before, Is.EqualTo("E-coat"));
        Assert.That(unavailable, Does.Not.Contain("E-coat"));
        Assert.That(await TopAsync(), Is.EqualTo("E-new"));
    }

    [Test]
    public async Task A_refit_of_the_index_empties_the_cache()
    {
        await TopAsync();
        var index = Factory.Services.GetRequiredService<RankingIndex>();
        var generation = (await index.CurrentAsync()).Generation;
        // A change of a tenth of the experts or more starts a refit at once, in the background.
        await Client.PostLinesAsync("/api/v1/experts/import", """{"id":"E-dye","name":"王敏","fields":["活性染料染色"],"profile":"低盐染色"}""");
        await TopAsync();

        Assert.That((await index.CurrentAsync()).Generation, Is.GreaterThan(generation));
        Assert.That((await CacheAsync()).Entries, Is.EqualTo(1), "only the answer computed on the new index");
    }

    [Test]
    public async Task Ad_hoc_rankings_are_never_kept()
    {
        var before = await CacheAsync();
        for (var i = 0; i < 3; i++) (await Client.PostJsonTextAsync("/api/v1/recommendations", """{"title":"遮光涂层低温开裂"}""")).EnsureSuccessStatusCode();

        Assert.That(await CacheAsync(), Is.EqualTo(before));
    }

    [Test]
    public void The_cache_holds_at_most_its_capacity_in_ranked_experts_dropping_the_least_recently_used()
    {
        var cache = new RecommendationCache(capacityItems: 25);
        var computed = 0;
        byte[] Answer(string id) => cache.GetOrAdd(1, Key(id), () =>
        {
            computed++;
            return new Recommendation(id, "base", null, Enumerable.Range(1, 10).Select(r => new RecommendationItem($"E-{r}", "x", default, null, 0.5, r, null)).ToList());
        });

        Answer("P-1");
        Answer("P-2");
        Answer("P-1"); // P-1 is now the most recently used
        Answer("P-3"); // 30 items: P-2 goes
        Answer("P-1");
        Answer("P-2");

        Assert.That(computed, Is.EqualTo(4), "P-1 twice from the cache, P-2 again after it was dropped");
        Assert.That(cache.Count, Is.EqualTo(2));
    }

    [Test]
    public void A_ranking_on_a_replaced_index_is_answered_but_not_kept()
    {
        var cache = new RecommendationCache(capacityItems: 100);
        var empty = new Recommendation("P-1", "base", null, []);

        cache.GetOrAdd(2, Key("P-1"), () => empty);
        var stale = cache.GetOrAdd(1, Key("P-2"), () => empty); // a request that began on the older index
        var computed = false;
        cache.GetOrAdd(2, Key("P-2"), () => { computed = true; return empty; });

        Assert.That(System.Text.Encoding.UTF8.GetString(stale), Is.EqualTo("""{"problemId":"P-1","modelVersion":"base","items":[]}"""));
        Assert.That(computed, Is.True);
        Assert.That(cache.Count, Is.EqualTo(2));
    }

    private static RecommendationCache.Key Key(string problem) => new("default", problem, "fingerprint", 10, Explanation.Full, new DateOnly(2026, 12, 3));

    private async Task<string> TopAsync() =>
        (await (await Client.GetAsync(Url)).JsonAsync()).GetProperty("items")[0].GetProperty("expertId").GetString()!;

    private async Task<(int Entries, long Hits, long Misses)> CacheAsync()
    {
        var cached = (await (await Client.GetAsync("/health")).JsonAsync()).GetProperty("cachedRankings");
        return (cached.GetProperty("entries").GetInt32(), cached.GetProperty("hits").GetInt64(), cached.GetProperty("misses").GetInt64());
    }
}
