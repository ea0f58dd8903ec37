using System.Net;
using System.Net.Http.Json;
using Matchmaker.Core.Conflicts;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Matching;

/// <summary>Conflicts of interest over the real API: never ranked, never proposed, for any of the three reasons.</summary>
public class ConflictTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _client = null!;

    [TestCase("杭州示例家纺有限公司", "杭州示例家纺股份有限公司")]
    [TestCase("杭州示例家纺有限公司", "杭州示例家纺（集团）有限公司")]
    [TestCase("ＡＢＣ新材料科技有限公司", "abc新材料科技")]
    [TestCase("Fraunhofer IKTS GmbH", "fraunhofer ikts")]
    [TestCase("Acme Co., Ltd.", "ACME")]
    public void Organization_names_compare_as_people_mean_them(string a, string b) =>
        Assert.That(OrganizationNames.Key(a), Is.EqualTo(OrganizationNames.Key(b)).And.Not.Null);

    [TestCase("德清县示例蜜梨专业合作社", "德清县示例茶叶专业合作社")]
    [TestCase("Mexico Textiles", "Mexi Textiles")]
    [TestCase("公司", null)]
    public void Different_organizations_stay_apart(string a, string? b) =>
        Assert.That(OrganizationNames.Key(a), Is.Not.EqualTo(OrganizationNames.Key(b)));

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory();
        _client = await _factory.StartAsync();
        (await _client.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-own","name":"内部专家","organization":"杭州示例家纺股份有限公司","fields":["遮光涂层"],"profile":"遮光涂层低温开裂与配方改进"}""",
            """{"id":"E-dec","name":"申报专家","organization":"浙江理工大学","fields":["遮光涂层"],"profile":"遮光涂层低温开裂机理研究"}""",
            """{"id":"E-no","name":"婉拒专家","organization":"东华大学","fields":["遮光涂层"],"profile":"遮光涂层的低温柔韧性"}""",
            """{"id":"E-ok","name":"可选专家","organization":"江南大学","fields":["遮光涂层"],"profile":"遮光涂层开裂与聚氨酯配方"}""")).EnsureSuccessStatusCode();
        (await _client.PutAsJsonAsync("/api/v1/enterprises/C-1", new { id = "C-1", name = "杭州示例家纺有限公司" })).EnsureSuccessStatusCode();
        (await _client.PutAsJsonAsync("/api/v1/problems/P-1",
            new { id = "P-1", enterpriseId = "C-1", title = "遮光涂层低温开裂", description = "遮光窗帘涂层在低温下开裂" })).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    private static async Task<List<string>> RankedAsync(string path = "/api/v1/problems/P-1/recommendations?top=10&explain=none") =>
        (await (await _client.GetAsync(path)).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("expertId").GetString()!).ToList();

    [Test, Order(1)]
    public async Task Each_reason_leaves_the_expert_out_of_rankings_and_refuses_the_match()
    {
        Assert.That(await RankedAsync(), Is.EquivalentTo(new[] { "E-dec", "E-no", "E-ok" }), "an expert of the enterprise's own organization is never ranked");

        // A declared conflict: the kept ranking of the problem is replaced at once.
        var declared = await _client.PostAsJsonAsync("/api/v1/experts/E-dec/conflicts", new { enterpriseId = "C-1", reason = "曾任该企业技术顾问" });
        Assert.That(declared.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await RankedAsync(), Is.EquivalentTo(new[] { "E-no", "E-ok" }));

        // A decline: the expert is not ranked for this problem again.
        var match = await (await _client.PostAsJsonAsync("/api/v1/matches", new { problemId = "P-1", expertId = "E-no" })).JsonAsync();
        var id = match.GetProperty("id").GetString();
        foreach (var step in new[] { "contacted", "declined" })
            (await _client.PostAsJsonAsync($"/api/v1/matches/{id}/events", new { status = step, occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5) })).EnsureSuccessStatusCode();
        Assert.That(await RankedAsync(), Is.EqualTo(new[] { "E-ok" }));

        foreach (var (expert, reason) in new[] { ("E-own", "ownOrganization"), ("E-dec", "declaredConflict"), ("E-no", "declinedBefore") })
        {
            var refused = await _client.PostAsJsonAsync("/api/v1/matches", new { problemId = "P-1", expertId = expert });
            Assert.That((int)refused.StatusCode, Is.EqualTo(409), expert);
            var problem = await refused.JsonAsync();
            Assert.That(problem.GetProperty("exclusion").GetString(), Is.EqualTo(reason));
            Assert.That(problem.GetProperty("expertId").GetString(), Is.EqualTo(expert));
        }

        // Ad-hoc text for the enterprise leaves out its own staff and its declared conflicts; without it, nobody.
        var forEnterprise = await _client.PostAsJsonAsync("/api/v1/recommendations?explain=none", new { title = "遮光涂层低温开裂", enterpriseId = "C-1" });
        var anyone = await _client.PostAsJsonAsync("/api/v1/recommendations?explain=none", new { title = "遮光涂层低温开裂" });
        Assert.That((await forEnterprise.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("expertId").GetString()),
            Is.EquivalentTo(new[] { "E-no", "E-ok" }));
        Assert.That((await anyone.JsonAsync()).GetProperty("items").GetArrayLength(), Is.EqualTo(4));
    }

    [Test, Order(2)]
    public async Task Staff_see_who_was_left_out_and_why_and_partners_may_not()
    {
        var audit = await (await _client.GetAsync("/api/v1/problems/P-1/recommendations?explain=none&includeExcluded=true")).JsonAsync();
        var partner = _factory.ClientWith(await _factory.CreateKeyAsync("partner", "default"));
        var refused = await partner.GetAsync("/api/v1/problems/P-1/recommendations?includeExcluded=true");

        var excluded = audit.GetProperty("excluded").EnumerateArray()
            .ToDictionary(e => e.GetProperty("expertId").GetString()!, e => e.GetProperty("reason").GetString());
        Assert.That(excluded, Is.EqualTo(new Dictionary<string, string?>
        {
            ["E-dec"] = "declaredConflict", ["E-no"] = "declinedBefore", ["E-own"] = "ownOrganization",
        }));
        Assert.That(audit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("expertId").GetString()), Is.EqualTo(new[] { "E-ok" }));
        Assert.That((int)refused.StatusCode, Is.EqualTo(403));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("includeExcluded"));
    }

    [Test, Order(3)]
    public async Task A_withdrawn_conflict_lets_the_expert_be_ranked_again()
    {
        var listed = await (await _client.GetAsync("/api/v1/experts/E-dec/conflicts")).JsonAsync();
        Assert.That(listed.GetProperty("items")[0].GetProperty("reason").GetString(), Is.EqualTo("曾任该企业技术顾问"));

        Assert.That((await _client.DeleteAsync("/api/v1/experts/E-dec/conflicts/C-1")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await _client.DeleteAsync("/api/v1/experts/E-dec/conflicts/C-1")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await RankedAsync(), Does.Contain("E-dec"));
    }

    [Test]
    public async Task An_expert_import_declares_conflicts_with_the_partners_enterprises_and_refuses_lines_naming_others()
    {
        var report = await (await _client.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-imp","name":"导入专家","organization":"江南大学","profile":"遮光涂层","conflicts":[{"enterpriseId":"C-1","reason":"亲属任职"}]}""",
            """{"id":"E-bad","name":"错误专家","conflicts":[{"enterpriseId":"C-nowhere"}]}""")).JsonAsync();
        var declared = await (await _client.GetAsync("/api/v1/experts/E-imp/conflicts")).JsonAsync();
        var put = await _client.PutAsJsonAsync("/api/v1/experts/E-imp",
            new { id = "E-imp", name = "导入专家", conflicts = new[] { new { enterpriseId = "C-1" } } });

        Assert.That(report.GetProperty("created").GetInt32(), Is.EqualTo(1));
        Assert.That(report.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("conflicts"));
        Assert.That(report.GetProperty("errors")[0].GetProperty("line").GetInt32(), Is.EqualTo(2));
        Assert.That((int)(await _client.GetAsync("/api/v1/experts/E-bad")).StatusCode, Is.EqualTo(404), "a refused line writes nothing");
        Assert.That(declared.GetProperty("items")[0].GetProperty("enterpriseId").GetString(), Is.EqualTo("C-1"));
        Assert.That(declared.GetProperty("items")[0].GetProperty("reason").GetString(), Is.EqualTo("亲属任职"));
        Assert.That(await (await _client.GetAsync("/api/v1/experts/E-imp")).Content.ReadAsStringAsync(), Does.Not.Contain("conflicts"),
            "conflicts belong to a partner, not to the expert's record");
        Assert.That((int)put.StatusCode, Is.EqualTo(400), "one expert's PUT does not take conflicts");
        Assert.That(await RankedAsync(), Does.Not.Contain("E-imp"));
    }

    [Test]
    public async Task Experts_outside_their_availability_window_are_not_ranked()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        async Task Put(string id, DateOnly? from, DateOnly? to) => (await _client.PutAsJsonAsync($"/api/v1/experts/{id}", new
        {
            id, name = id, organization = "复旦大学", fields = new[] { "遮光涂层" }, profile = "遮光涂层低温开裂", availableFrom = from, availableTo = to,
        })).EnsureSuccessStatusCode();
        await Put("E-away", null, today.AddDays(-10));
        await Put("E-soon", today.AddDays(10), null);
        await Put("E-now", today.AddDays(-1), today.AddDays(1));
        var backwards = await _client.PutAsJsonAsync("/api/v1/experts/E-back",
            new { id = "E-back", name = "E-back", availableFrom = today, availableTo = today.AddDays(-1) });

        var ranked = await (await _client.PostAsJsonAsync("/api/v1/recommendations?explain=none", new { title = "遮光涂层低温开裂", top = 20 })).JsonAsync();
        var ids = ranked.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("expertId").GetString()).ToList();
        var stored = await (await _client.GetAsync("/api/v1/experts/E-soon")).JsonAsync();

        Assert.That(ids, Does.Contain("E-now").And.Not.Contain("E-away").And.Not.Contain("E-soon"));
        Assert.That(stored.GetProperty("availableFrom").GetString(), Is.EqualTo(today.AddDays(10).ToString("yyyy-MM-dd")));
        Assert.That((int)backwards.StatusCode, Is.EqualTo(400));
        Assert.That(await backwards.Content.ReadAsStringAsync(), Does.Contain("availableTo"));
    }

    [TestCase("E-ok", "C-none", 400, TestName = "An_unknown_enterprise_is_a_bad_request")]
    [TestCase("E-none", "C-1", 404, TestName = "An_unknown_expert_is_not_found")]
    public async Task Declaring_needs_an_existing_expert_and_enterprise(string expert, string enterprise, int status)
    {
        var response = await _client.PostAsJsonAsync($"/api/v1/experts/{expert}/conflicts", new { enterpriseId = enterprise });

        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(body, Does.Contain(status == 400 ? "enterpriseId" : expert));
    }
}
