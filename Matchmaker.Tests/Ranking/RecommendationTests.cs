using System.Net;
using Matchmaker.Core.Ranking;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Ranking;

public class RecommendationTests : FreshApiTest
{
    private static readonly string[] Experts =
    [
        """{"id":"E-coat","name":"陈立新","kind":"societyExpert","organization":"浙江理工大学","fields":["纺织涂层","高分子材料"],"works":[{"kind":"paper","title":"聚氨酯遮光涂层织物的低温柔韧性研究","abstract":"研究了聚氨酯遮光涂层在零下二十度的龟裂行为，通过软段改性提高涂层低温柔韧性。","keywords":["遮光涂层","低温柔韧性"],"year":2022}]}""",
        """{"id":"E-dye","name":"王敏","kind":"engineer","fields":["活性染料染色","印染废水"],"works":[{"kind":"paper","title":"涤棉织物活性染料低盐染色工艺","abstract":"开发低盐染色工艺，降低印染废水盐含量。","keywords":["活性染料","低盐染色"],"year":2020}]}""",
        """{"id":"E-mold","name":"周宁","kind":"engineer","fields":["注塑模具","模流分析"],"works":[{"kind":"patent","title":"一种汽车内饰件注塑模具的随形冷却水路","abstract":"采用随形冷却水路降低注塑件翘曲变形。","keywords":["注塑模具","翘曲"],"year":2021}]}""",
        """{"id":"E-pear","name":"李梨","kind":"societyExpert","fields":["梨树栽培","测土配方施肥"],"works":[{"kind":"project","title":"德清蜜梨测土配方施肥示范","abstract":"在梨园开展测土配方施肥，改良土壤板结。","keywords":["蜜梨","测土配方施肥"],"year":2019}]}""",
        """{"id":"E-en","name":"Anna Berg","kind":"overseasTalent","fields":["polymer coatings"],"languages":["en"],"works":[{"kind":"paper","title":"Low-temperature cracking of polyurethane blackout coatings on curtain fabrics","abstract":"Soft-segment modification keeps blackout coatings flexible at -20 C.","keywords":["blackout coating","polyurethane"],"year":2023}]}""",
        """{"id":"E-off","name":"赵涂","kind":"societyExpert","available":false,"fields":["纺织涂层"],"works":[{"kind":"paper","title":"遮光涂层配方优化","abstract":"遮光涂层开裂与配方的关系。","keywords":["遮光涂层"],"year":2018}]}""",
    ];

    [SetUp]
    public async Task Seed()
    {
        await Client.PostLinesAsync("/api/v1/experts/import", Experts);
        await Client.PostLinesAsync("/api/v1/problems/import",
            """{"id":"P-1","title":"功能性窗帘面料遮光涂层易开裂","description":"出口欧洲的遮光窗帘在低温运输后涂层出现龟裂，想找高分子涂层方面的专家改进配方。","industry":"家纺"}""");
    }

    [Test]
    public async Task Puts_the_experts_whose_works_address_the_problem_first_in_either_language_and_explains_them()
    {
        var result = await (await Client.GetAsync("/api/v1/problems/P-1/recommendations?top=3")).ReadAsync<Recommendation>();

        Assert.That(result.ProblemId, Is.EqualTo("P-1"));
        // The Chinese coating expert and the English-writing one (met through the glossary) both address the problem.
        Assert.That(result.Items.Take(2).Select(i => i.ExpertId), Is.EquivalentTo(new[] { "E-coat", "E-en" }));
        var coat = result.Items.Single(i => i.ExpertId == "E-coat").Reasons!;
        Assert.That(coat.MatchedTerms, Does.Contain("遮光涂层").Or.Contain("涂层"));
        Assert.That(coat.MatchedTerms, Has.All.Matches<string>(term => "功能性窗帘面料遮光涂层易开裂出口欧洲的遮光窗帘在低温运输后涂层出现龟裂，想找高分子涂层方面的专家改进配方。家纺".Contains(term)));
        Assert.That(coat.SupportingWorks!.Single().Title, Is.EqualTo("聚氨酯遮光涂层织物的低温柔韧性研究"));
        // The score is the sum of weight × value; weights, features and score each rounded to 4 decimals, so within
        // half a unit for the score, the weights (adding up to 1) and each of the six weighing features.
        var weights = result.Weights!;
        var features = coat.Features!.ToArray();
        var names = MatchFeatures.Names.Select(n => char.ToLowerInvariant(n[0]) + n[1..]).ToList();
        Assert.That(weights.Keys, Is.EqualTo(names.Where((_, i) => RankingOptions.Default.Weights.ToArray()[i] > 0)),
            "every weighing feature's weight, in order (a feature left out weighs 0)");
        Assert.That(weights.Values.Sum(), Is.EqualTo(1).Within(5e-4));
        Assert.That(names.Select((n, i) => weights.GetValueOrDefault(n) * features[i]).Sum(),
            Is.EqualTo(result.Items.Single(i => i.ExpertId == "E-coat").Score).Within(4e-4));
        Assert.That(coat.TermWeights!.Keys, Is.EqualTo(coat.MatchedTerms), "a share for each matched term, in the same order");
        var english = result.Items.Single(i => i.ExpertId == "E-en").Reasons!;
        Assert.That(english.MatchedTerms, Does.Contain("blackout coating").Or.Contain("blackout").Or.Contain("coating"));
        Assert.That(result.Items.Select(i => i.Rank), Is.EqualTo(Enumerable.Range(1, result.Items.Count)));
        Assert.That(result.Items.Select(i => i.Score), Is.Ordered.Descending.And.All.InRange(0.0, 1.0));
    }

    [Test]
    public async Task Leaves_out_unavailable_experts()
    {
        var result = await (await Client.GetAsync("/api/v1/problems/P-1/recommendations?top=100")).ReadAsync<Recommendation>();

        Assert.That(result.Items.Select(i => i.ExpertId), Does.Not.Contain("E-off").And.Contain("E-coat"));
    }

    [Test]
    public async Task Restricts_candidates_to_the_given_expert_ids()
    {
        var response = await Client.PostJsonTextAsync("/api/v1/recommendations",
            """{"title":"遮光涂层低温龟裂","top":10,"expertIds":["E-dye","E-mold","E-unknown"]}""");

        var result = await response.ReadAsync<Recommendation>();
        Assert.That(result.Items.Select(i => i.ExpertId), Is.SubsetOf(new[] { "E-dye", "E-mold" }));
        Assert.That(result.ProblemId, Is.Null);
    }

    [Test]
    public async Task Shows_an_edited_expert_in_the_next_ranking_without_a_restart()
    {
        var put = await Client.PutAsync("/api/v1/experts/E-mold", new StringContent(
            """{"id":"E-mold","name":"周宁","kind":"engineer","fields":["注塑模具"],"works":[{"kind":"paper","title":"梨园土壤板结改良与测土配方施肥","abstract":"蜜梨园土壤板结的成因与测土配方施肥改良。","keywords":["测土配方施肥","土壤板结"],"year":2024}]}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var result = await (await Client.PostJsonTextAsync("/api/v1/recommendations",
            """{"description":"蜜梨园土壤板结严重，想做测土配方施肥","top":2}""")).ReadAsync<Recommendation>();

        Assert.That(result.Items.Select(i => i.ExpertId), Is.EquivalentTo(new[] { "E-pear", "E-mold" }));
    }

    [Test]
    public async Task Brings_new_vocabulary_in_with_the_background_refit()
    {
        // "柞蚕丝" appears in no expert's text yet: the first vectorisation cannot know it, the refit must.
        await Client.PutAsync("/api/v1/experts/E-silk", new StringContent(
            """{"id":"E-silk","name":"孙丝","works":[{"kind":"paper","title":"柞蚕丝脱胶新工艺","year":2024}]}""",
            System.Text.Encoding.UTF8, "application/json"));

        Recommendation result = new(null, "base", null, []);
        for (var attempt = 0; attempt < 100 && result.Items.Count == 0; attempt++)
        {
            await Task.Delay(100);
            result = await (await Client.PostJsonTextAsync("/api/v1/recommendations", """{"title":"柞蚕丝脱胶","top":1}""")).ReadAsync<Recommendation>();
        }

        Assert.That(result.Items.Single().ExpertId, Is.EqualTo("E-silk"));
    }

    [Test]
    public async Task Forgets_a_deleted_expert_at_once()
    {
        Assert.That((await Client.DeleteAsync("/api/v1/experts/E-pear")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var result = await (await Client.PostJsonTextAsync("/api/v1/recommendations", """{"description":"蜜梨测土配方施肥","top":10}""")).ReadAsync<Recommendation>();

        Assert.That(result.Items.Select(i => i.ExpertId), Does.Not.Contain("E-pear"));
    }
}
