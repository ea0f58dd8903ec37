using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matchmaker.Core.Storage;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Jobs;

/// <summary>
/// The experts a job must leave out, over the real API: those with a conflict of interest with a problem's enterprise
/// (declared, or of its own organization) in rankings, plans, the audit and accepted matches, and those whose open
/// matches fill their capacity in campaigns. Each test works for a partner of its own; the experts are everyone's.
/// </summary>
public class CampaignExclusionTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _staff = null!;

    private static readonly (string Field, string Profile) Silk = ("丝绸印染", "真丝绸活性染料印染与水洗色牢度提升研究");
    private static readonly (string Field, string Profile) Graphene = ("石墨烯", "石墨烯导热膜制备与层间剥离强度研究");
    private static readonly (string Field, string Profile) Bamboo = ("竹纤维", "竹纤维面料抗菌整理与耐洗性研究");

    private static string Expert(string id, string name, string? organization, (string Field, string Profile) topic, int capacity = 3) =>
        JsonSerializer.Serialize(new { id, name, organization, fields = new[] { topic.Field }, topic.Profile, capacity }, MatchmakerJson.Options);

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory(settings: JobClient.QuickWorker());
        _staff = await _factory.StartAsync();
        // Own organization: the enterprise's name without 有限公司, and in full-width letters.
        (await _staff.PostLinesAsync("/api/v1/experts/import",
            Expert("E-own-silk", "丝绸厂工程师", "湖州示例丝绸", Silk),
            Expert("E-own-abc", "新材料公司研究员", "ＡＢＣ新材料科技", Graphene),
            Expert("E-dec", "申报专家", "浙江理工大学", Silk),
            Expert("E-late", "后报专家", "中国科学院宁波材料技术与工程研究所", Graphene),
            Expert("E-ok1", "苏大专家", "苏州大学", Silk),
            Expert("E-ok2", "东华专家", "东华大学", Silk),
            Expert("E-ok3", "浙大专家", "浙江大学", Graphene),
            Expert("E-full", "满额专家", null, Bamboo, capacity: 2),
            Expert("E-room", "余一专家", null, Bamboo, capacity: 2),
            Expert("E-free", "空闲专家", null, Bamboo))).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    private static readonly object Campaign = new { kind = "campaign", perProblem = new { min = 1, max = 2 }, maxLoad = 3 };

    private static readonly (string ProblemId, string ExpertId)[] Conflicted =
        [("P-1", "E-own-silk"), ("P-2", "E-own-silk"), ("P-1", "E-dec"), ("P-2", "E-dec"), ("P-3", "E-own-abc")];

    /// <summary>A partner with two enterprises and their problems (silk: P-1, P-2; graphene: P-3), E-dec's conflict declared with the silk one.</summary>
    private static async Task<HttpClient> PartnerAsync(string partner)
    {
        var client = _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: partner);
        async Task Ok(Task<HttpResponseMessage> call) => (await call).EnsureSuccessStatusCode();
        await Ok(client.PutAsJsonAsync("/api/v1/enterprises/C-silk", new { id = "C-silk", name = "湖州示例丝绸有限公司" }));
        await Ok(client.PutAsJsonAsync("/api/v1/enterprises/C-abc", new { id = "C-abc", name = "ABC新材料科技有限公司" }));
        await Ok(client.PutAsJsonAsync("/api/v1/problems/P-1", new { id = "P-1", enterpriseId = "C-silk", title = "真丝绸印染色牢度差", description = "真丝绸缎活性染料印染后水洗色牢度不足" }));
        await Ok(client.PutAsJsonAsync("/api/v1/problems/P-2", new { id = "P-2", enterpriseId = "C-silk", title = "丝绸印染色差", description = "真丝绸印染批次间色差大，色牢度不稳定" }));
        await Ok(client.PutAsJsonAsync("/api/v1/problems/P-3", new { id = "P-3", enterpriseId = "C-abc", title = "石墨烯导热膜剥离", description = "石墨烯导热膜层间剥离强度不足" }));
        await Ok(client.PostAsJsonAsync("/api/v1/experts/E-dec/conflicts", new { enterpriseId = "C-silk", reason = "曾任该企业技术顾问" }));
        return client;
    }

    [Test]
    public async Task No_ranking_plan_or_accepted_match_pairs_an_expert_with_an_enterprise_they_have_a_conflict_with()
    {
        var client = await PartnerAsync("p-conflicts");
        var ranked = await client.PairsAsync((await client.RunJobAsync(new { kind = "rank-all", top = 10 })).GetProperty("id").GetString()!);
        var campaign = await client.RunJobAsync(Campaign);
        var id = campaign.GetProperty("id").GetString()!;
        var plan = await client.PairsAsync(id);
        var audit = await client.ExclusionsAsync(id);
        var accepted = await client.PostAsync($"/api/v1/jobs/{id}/accept", null);
        var matched = new List<(string, string)>();
        foreach (var problem in new[] { "P-1", "P-2", "P-3" }) matched.AddRange((await client.MatchesOfAsync(problem)).Select(m => (problem, m.ExpertId)));

        // Without an enterprise, the conflicted experts rank: it is the conflicts that keep them out below.
        Assert.That(await RecommendedAsync("真丝绸印染色牢度差"), Does.Contain("E-own-silk").And.Contain("E-dec"));
        Assert.That(await RecommendedAsync("石墨烯导热膜剥离"), Does.Contain("E-own-abc"));
        Assert.That(ranked, Is.SupersetOf(new[] { ("P-1", "E-ok1"), ("P-2", "E-ok2"), ("P-3", "E-late"), ("P-3", "E-ok3") }));
        Assert.That(ranked, Has.None.AnyOf(Conflicted.Cast<object>().ToArray()));
        Assert.That(plan.Select(p => p.ProblemId).Distinct(), Is.EquivalentTo(new[] { "P-1", "P-2", "P-3" }), "every problem is served");
        Assert.That(plan, Has.None.AnyOf(Conflicted.Cast<object>().ToArray()));
        Assert.That(audit, Is.EquivalentTo(new[]
        {
            ("P-1", "E-own-silk", "ownOrganization"), ("P-2", "E-own-silk", "ownOrganization"), ("P-3", "E-own-abc", "ownOrganization"),
            ("P-1", "E-dec", "declaredConflict"), ("P-2", "E-dec", "declaredConflict"),
        }));
        Assert.That(campaign.GetProperty("summary").GetProperty("exclusions").GetInt32(), Is.EqualTo(5));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        Assert.That(matched, Is.EquivalentTo(plan));
    }

    [Test]
    public async Task A_conflict_declared_after_the_plan_is_skipped_when_the_plan_is_accepted()
    {
        var client = await PartnerAsync("p-late-conflict");
        var id = (await client.RunJobAsync(Campaign)).GetProperty("id").GetString()!;
        var plan = await client.PairsAsync(id);
        Assert.That(plan, Does.Contain(("P-3", "E-late")), "the plan proposes E-late for P-3 while it may");

        var declared = await client.PostAsJsonAsync("/api/v1/experts/E-late/conflicts", new { enterpriseId = "C-abc", reason = "已受聘为该企业顾问" });
        var accepted = await client.PostAsync($"/api/v1/jobs/{id}/accept", null);

        Assert.That(declared.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        var answer = await accepted.JsonAsync();
        var skipped = answer.GetProperty("skipped").EnumerateArray().Select(s => (s.GetProperty("problemId").GetString(), s.GetProperty("expertId").GetString())).ToList();
        Assert.That(skipped, Is.EqualTo(new[] { ("P-3", "E-late") }));
        Assert.That(answer.GetProperty("skipped")[0].GetProperty("reason").GetString(), Does.Contain("declaredConflict"));
        Assert.That(answer.GetProperty("created").GetInt32(), Is.EqualTo(plan.Count - 1));
        Assert.That((await client.MatchesOfAsync("P-3")).Select(m => m.ExpertId), Does.Not.Contain("E-late").And.Not.Empty);
    }

    [Test]
    public async Task An_expert_whose_open_matches_fill_their_capacity_is_never_assigned()
    {
        // E-full (capacity 2) has two open matches, E-room (capacity 2) one, both through another partner: load counts every partner's.
        var other = _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: "p-capacity-other");
        foreach (var problem in new[] { "P-o1", "P-o2" })
            (await other.PutAsJsonAsync($"/api/v1/problems/{problem}", new { id = problem, title = "竹纤维面料异味" })).EnsureSuccessStatusCode();
        foreach (var (problem, expert) in new[] { ("P-o1", "E-full"), ("P-o2", "E-full"), ("P-o1", "E-room") })
            (await other.PostAsJsonAsync("/api/v1/matches", new { problemId = problem, expertId = expert })).EnsureSuccessStatusCode();
        var client = _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: "p-capacity");
        foreach (var problem in new[] { "P-b1", "P-b2", "P-b3" })
            (await client.PutAsJsonAsync($"/api/v1/problems/{problem}", new { id = problem, title = "竹纤维面料抗菌整理不耐洗", description = "竹纤维面料抗菌整理水洗后失效" })).EnsureSuccessStatusCode();
        var experts = new { ids = new[] { "E-full", "E-room", "E-free" } };

        var ranked = await client.PairsAsync((await client.RunJobAsync(new { kind = "rank-all", top = 3, experts })).GetProperty("id").GetString()!);
        var campaign = await client.RunJobAsync(new { kind = "campaign", experts, perProblem = new { min = 1, max = 2 }, maxLoad = 2 });
        var plan = await client.PairsAsync(campaign.GetProperty("id").GetString()!);

        Assert.That(ranked.Where(p => p.ExpertId == "E-full").Select(p => p.ProblemId), Is.EquivalentTo(new[] { "P-b1", "P-b2", "P-b3" }),
            "ranking does not look at capacity: E-full fits every problem");
        Assert.That(plan.Select(p => p.ExpertId), Does.Not.Contain("E-full"));
        Assert.That(plan.Count(p => p.ExpertId == "E-room"), Is.EqualTo(1), "room for one more");
        Assert.That(plan.Count(p => p.ExpertId == "E-free"), Is.EqualTo(2), "maxLoad 2 within a capacity of 3");
        var summary = campaign.GetProperty("summary");
        Assert.That(summary.GetProperty("expertsFull").GetInt32(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("expertsWithRoom").GetInt32(), Is.EqualTo(2));
        Assert.That(summary.GetProperty("poolExperts").GetInt32(), Is.EqualTo(3));
    }

    private static async Task<List<string>> RecommendedAsync(string title) =>
        (await (await _staff.PostAsJsonAsync("/api/v1/recommendations?explain=none", new { title, top = 20 })).JsonAsync())
        .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("expertId").GetString()!).ToList();
}
