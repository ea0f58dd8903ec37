using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Jobs;

/// <summary>Batch jobs over the real API and the demo data, as a staff member runs them: rank-all, campaigns, their results, acceptance and cancelling.</summary>
public class JobsApiTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _staff = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory(seedDemoData: true, settings: JobClient.QuickWorker());
        _staff = await _factory.StartAsync();
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    private static readonly object DemoCampaign = new
    {
        kind = "campaign", problems = new { region = "湖州市德清县" }, experts = new { kind = "societyExpert" },
        perProblem = new { min = 1, max = 2 }, maxLoad = 2, minScore = 0.1, mode = "total",
    };

    [Test]
    public async Task A_rank_all_job_gives_every_open_problem_its_top_experts_as_the_recommendations_do()
    {
        var job = await _staff.RunJobAsync(new { kind = "rank-all", top = 3 });
        var rows = await _staff.ResultsAsync(job.GetProperty("id").GetString()!);

        var problems = await (await _staff.GetAsync("/api/v1/problems?pageSize=500")).JsonAsync();
        var open = problems.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("status").GetString() == "open")
            .Select(p => p.GetProperty("id").GetString()!).ToList();
        var byProblem = rows.GroupBy(r => r.GetProperty("problemId").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.That(open, Has.Count.GreaterThan(100), "the demo data");
        Assert.That(byProblem.Keys, Is.EquivalentTo(open));
        Assert.That(byProblem.Values.Select(g => g.Select(r => r.GetProperty("rank").GetInt32())), Is.All.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(rows.Select(r => (r.GetProperty("problemId").GetString(), r.GetProperty("expertId").GetString())), Is.Unique);
        Assert.That(job.GetProperty("resultRows").GetInt32(), Is.EqualTo(rows.Count));
        Assert.That(job.GetProperty("progress").GetProperty("done").GetInt32(), Is.EqualTo(open.Count));
        foreach (var sample in new[] { open[0], open[open.Count / 2], open[^1] })
        {
            var recommended = await (await _staff.GetAsync($"/api/v1/problems/{sample}/recommendations?top=3")).JsonAsync();
            Assert.That(byProblem[sample].Select(r => r.GetProperty("expertId").GetString()),
                Is.EquivalentTo(recommended.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("expertId").GetString())), sample);
        }
    }

    [Test]
    public async Task Results_as_csv_open_in_a_spreadsheet_without_running_formulas()
    {
        (await _staff.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-csv-1","name":"=HYPERLINK(\"x\")","fields":["蚕丝被"],"profile":"蚕丝被回弹性与填充工艺研究"}""",
            """{"id":"E-csv-2","name":"-2+3","fields":["蚕丝被"],"profile":"蚕丝被填充蚕丝的回弹与压缩测试"}""")).EnsureSuccessStatusCode();
        var partner = _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: "p-csv");
        (await partner.PutAsJsonAsync("/api/v1/problems/P-csv", new { id = "P-csv", title = "蚕丝被回弹差", description = "蚕丝被填充后回弹性不足" })).EnsureSuccessStatusCode();
        var id = (await partner.RunJobAsync(new { kind = "rank-all", top = 2, experts = new { ids = new[] { "E-csv-1", "E-csv-2" } } })).GetProperty("id").GetString();

        var byFormat = await partner.GetAsync($"/api/v1/jobs/{id}/results?format=csv");
        using var byAccept = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{id}/results");
        byAccept.Headers.Accept.ParseAdd("text/csv");
        var accepted = await partner.SendAsync(byAccept);
        var lines = await partner.ResultsAsync(id!);

        var bytes = await byFormat.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split(["\r\n", "\n"], StringSplitOptions.None);
        Assert.That(byFormat.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "a byte order mark, for Excel to read UTF-8");
        Assert.That(csv[0], Is.EqualTo("problemId,expertId,expertName,score,rank,matchedTerms,unassigned"));
        Assert.That(csv.Where(l => l.Length > 0).Skip(1).ToList(), Has.Count.EqualTo(2));
        Assert.That(csv, Has.Some.StartsWith("P-csv,E-csv-1,\"'=HYPERLINK(\"\"x\"\")\","));
        Assert.That(csv, Has.Some.StartsWith("P-csv,E-csv-2,'-2+3,"));
        Assert.That(await accepted.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes), "Accept: text/csv gives the same file");
        Assert.That(lines.Select(l => l.GetProperty("expertName").GetString()), Is.EquivalentTo(new[] { "=HYPERLINK(\"x\")", "-2+3" }),
            "JSON Lines keep the names as they are");
    }

    [Test]
    public async Task A_campaign_plan_keeps_its_rules_and_scores_no_less_than_greedy_top_k()
    {
        var job = await _staff.RunJobAsync(DemoCampaign);
        var rows = await _staff.ResultsAsync(job.GetProperty("id").GetString()!);

        var summary = job.GetProperty("summary");
        var assigned = rows.Where(r => r.TryGetProperty("expertId", out _)).ToList();
        var served = assigned.GroupBy(r => r.GetProperty("problemId").GetString()!).ToList();
        var unassigned = rows.Where(r => !r.TryGetProperty("expertId", out _)).ToList();
        var societyExperts = (await (await _staff.GetAsync("/api/v1/experts?pageSize=500")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "societyExpert").Select(e => e.GetProperty("id").GetString()).ToHashSet();
        Assert.That(summary.GetProperty("total").GetDouble(), Is.GreaterThanOrEqualTo(summary.GetProperty("greedyTotal").GetDouble()));
        Assert.That(served, Has.Count.EqualTo(summary.GetProperty("assignedProblems").GetInt32()).And.Count.GreaterThan(10));
        Assert.That(assigned, Has.Count.EqualTo(summary.GetProperty("assignments").GetInt32()));
        Assert.That(served.Count + unassigned.Count, Is.EqualTo(summary.GetProperty("problems").GetInt32()));
        Assert.That(served.Select(g => g.Count()), Is.All.InRange(1, 2), "perProblem 1–2");
        Assert.That(served.Select(g => g.Select(r => r.GetProperty("rank").GetInt32())), Is.All.EqualTo(new[] { 1 }).Or.EqualTo(new[] { 1, 2 }));
        Assert.That(assigned.GroupBy(r => r.GetProperty("expertId").GetString()).Select(g => g.Count()), Is.All.LessThanOrEqualTo(2), "maxLoad 2");
        Assert.That(assigned.Select(r => r.GetProperty("score").GetDouble()), Is.All.GreaterThanOrEqualTo(0.1));
        Assert.That(assigned.Select(r => r.GetProperty("expertId").GetString()).Distinct(), Is.SubsetOf(societyExperts));
        Assert.That(unassigned.Select(r => r.GetProperty("rank").GetInt32()), Is.All.Zero);
        Assert.That(unassigned.Select(r => r.GetProperty("unassigned").GetString()), Is.All.Not.Empty);
        Assert.That(unassigned.Select(r => r.GetProperty("problemId").GetString()), Has.None.AnyOf(served.Select(g => g.Key).ToArray()));
    }

    [Test]
    public async Task Accepting_a_campaign_proposes_its_plan_once()
    {
        var job = await _staff.RunJobAsync(DemoCampaign);
        var id = job.GetProperty("id").GetString()!;
        var plan = await _staff.PairsAsync(id);
        // The demo history has matched some of these problems already: a planned pair that exists stays as it is.
        var before = new Dictionary<string, List<(string ExpertId, string Status)>>();
        foreach (var problem in plan.Select(p => p.ProblemId).Distinct()) before[problem] = await _staff.MatchesOfAsync(problem);
        var fresh = plan.Where(p => before[p.ProblemId].All(m => m.ExpertId != p.ExpertId)).ToList();

        var first = await _staff.PostAsync($"/api/v1/jobs/{id}/accept", null);
        var second = await _staff.PostAsync($"/api/v1/jobs/{id}/accept", null);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        var accepted = await first.JsonAsync();
        Assert.That(accepted.GetProperty("created").GetInt32(), Is.EqualTo(fresh.Count).And.GreaterThan(10));
        Assert.That(accepted.GetProperty("existing").GetInt32(), Is.EqualTo(plan.Count - fresh.Count));
        Assert.That(accepted.GetProperty("skipped").GetArrayLength(), Is.Zero);
        foreach (var problem in plan.GroupBy(p => p.ProblemId))
            Assert.That(await _staff.MatchesOfAsync(problem.Key),
                Is.EquivalentTo(before[problem.Key].Concat(fresh.Where(p => p.ProblemId == problem.Key).Select(p => (p.ExpertId, "proposed")))), problem.Key);
        await AssertConflictAsync(second, "acceptedAt");
        Assert.That((await _staff.JobAsync(id)).GetProperty("accepted").GetProperty("created").GetInt32(), Is.EqualTo(fresh.Count));
    }

    [Test]
    public async Task Only_a_succeeded_campaign_can_be_accepted()
    {
        var rankAll = (await _staff.RunJobAsync(new { kind = "rank-all", top = 1, problems = new { ids = new[] { "P-DQ-0001" } } })).GetProperty("id").GetString();

        await AssertConflictAsync(await _staff.PostAsync($"/api/v1/jobs/{rankAll}/accept", null));
    }

    [Test]
    public async Task Cancelling_stops_a_queued_job_at_once_and_a_running_one_at_its_next_checkpoint()
    {
        // Enough problems that the first job runs for seconds (uncancelled), however slow the answers come while it starts.
        var partner = _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: "p-cancel");
        string[] topics = ["遮光涂层低温开裂", "注塑件翘曲变形", "冷库预冷损耗", "风机轴承振动", "蚕丝被回弹差"];
        var lines = Enumerable.Range(0, 2000).Select(i => $$"""{"id":"P-c{{i}}","title":"{{topics[i % topics.Length]}}{{i}}"}""").ToArray();
        Assert.That((await (await partner.PostLinesAsync("/api/v1/problems/import", lines)).JsonAsync()).GetProperty("created").GetInt32(), Is.EqualTo(2000));

        var running = await partner.StartJobAsync(new { kind = "rank-all", top = 100 });
        var queued = await partner.StartJobAsync(new { kind = "rank-all", top = 1 });
        var early = await partner.GetAsync($"/api/v1/jobs/{queued}/results");
        var cancelQueued = await partner.DeleteAsync($"/api/v1/jobs/{queued}");
        for (var polls = 0; polls < 500 && (await partner.JobAsync(running)).GetProperty("progress").GetProperty("done").GetInt32() == 0; polls++)
            await Task.Delay(10);
        var cancelRunning = await partner.DeleteAsync($"/api/v1/jobs/{running}");
        var stopped = await partner.FinishedJobAsync(running, seconds: 5);

        await AssertConflictAsync(early, "currentStatus");
        Assert.That(cancelQueued.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await cancelQueued.JsonAsync()).GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        Assert.That(cancelRunning.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var asked = await cancelRunning.JsonAsync();
        Assert.That(asked.GetProperty("status").GetString(), Is.EqualTo("running"), "the job was running when its cancel was asked for");
        Assert.That(asked.GetProperty("cancelRequested").GetBoolean(), Is.True);
        Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        var progress = stopped.GetProperty("progress");
        Assert.That(progress.GetProperty("done").GetInt32(), Is.LessThan(progress.GetProperty("total").GetInt32()));
        Assert.That(await partner.ResultsAsync(running), Has.Count.EqualTo(stopped.GetProperty("resultRows").GetInt32()), "the problems it finished");
        Assert.That((await partner.JobAsync(queued)).GetProperty("startedAt").ValueKind, Is.EqualTo(JsonValueKind.Null), "never started");
    }

    [Test]
    public async Task A_finished_job_cannot_be_cancelled()
    {
        var id = (await _staff.RunJobAsync(new { kind = "rank-all", top = 1, problems = new { ids = new[] { "P-DQ-0001" } } })).GetProperty("id").GetString();

        await AssertConflictAsync(await _staff.DeleteAsync($"/api/v1/jobs/{id}"), "currentStatus");
        Assert.That((await _staff.JobAsync(id!)).GetProperty("status").GetString(), Is.EqualTo("succeeded"));
    }

    // Each case: a setting a careless client gets wrong, and the field the answer must name.
    [TestCase("""{"kind":"rank-every"}""", "kind", TestName = "Refuses_an_unknown_kind_of_job")]
    [TestCase("""{"top":3}""", "kind", TestName = "Refuses_a_job_without_a_kind")]
    [TestCase("""{"kind":"campaign","top":3}""", "top", TestName = "Refuses_top_for_a_campaign")]
    [TestCase("""{"kind":"rank-all","maxLoad":2}""", "maxLoad", TestName = "Refuses_a_campaign_setting_for_rank_all")]
    [TestCase("""{"kind":"rank-all","top":101}""", "top", TestName = "Refuses_top_above_one_hundred_for_rank_all")]
    [TestCase("""{"kind":"campaign","perProblem":{"min":3,"max":2}}""", "perProblem.max", TestName = "Refuses_a_per_problem_maximum_below_its_minimum")]
    [TestCase("""{"kind":"campaign","minScore":1.5}""", "minScore", TestName = "Refuses_a_minimum_score_above_one")]
    [TestCase("""{"kind":"campaign","mode":"fastest"}""", "mode", TestName = "Refuses_an_unknown_campaign_mode")]
    [TestCase("""{"kind":"campaign","candidates":10}""", "candidates", TestName = "Refuses_fewer_than_fifty_candidates")]
    [TestCase("""{"kind":"rank-all","problems":{"ids":["P 1"]}}""", "problems.ids", TestName = "Refuses_a_problem_id_with_a_space")]
    [TestCase("""{"kind":"rank-all","experts":{"kind":"robot"}}""", "experts.kind", TestName = "Refuses_an_unknown_kind_of_expert")]
    public async Task Refuses_bad_job_settings_naming_the_field_and_starts_nothing(string body, string field)
    {
        var before = (await (await _staff.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("total").GetInt32();

        var response = await _staff.PostJsonTextAsync("/api/v1/jobs", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain(field));
        Assert.That((await (await _staff.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("total").GetInt32(), Is.EqualTo(before));
    }

    [Test]
    public async Task Refuses_an_unknown_results_format()
    {
        var id = (await _staff.RunJobAsync(new { kind = "rank-all", top = 1, problems = new { ids = new[] { "P-DQ-0001" } } })).GetProperty("id").GetString();

        var response = await _staff.GetAsync($"/api/v1/jobs/{id}/results?format=xlsx");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain("format"));
    }

    [TestCase("GET", "")]
    [TestCase("DELETE", "")]
    [TestCase("GET", "/results")]
    [TestCase("GET", "/exclusions")]
    [TestCase("POST", "/accept")]
    public async Task Answers_an_unknown_job_with_404_problem(string method, string path)
    {
        var response = await _staff.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/jobs/J-404{path}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    /// <summary>A 409 problem whose <c>status</c> is the HTTP status (the job's own goes by another name) and that carries <paramref name="extension"/>.</summary>
    private static async Task AssertConflictAsync(HttpResponseMessage response, string? extension = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.That(problem.EnumerateObject().Where(p => p.Name == "status").Select(p => p.Value.ToString()), Is.EqualTo(new[] { "409" }), body);
        if (extension is not null) Assert.That(problem.TryGetProperty(extension, out _), Is.True, body);
    }
}
