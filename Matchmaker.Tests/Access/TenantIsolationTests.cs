using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Matchmaker.Tests.Api;
using Matchmaker.Tests.Jobs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Access;

/// <summary>
/// Every endpoint, called by every kind of caller: no key, a bad key, a revoked key, an analyst, another partner, and
/// the owner. Partner A's data must not show up in any other caller's answer nor change, and every endpoint must be
/// in the table below: a new endpoint fails <see cref="The_table_covers_every_endpoint"/> until it is added here.
/// </summary>
[Order(1)] // before DocumentedStatusTests, which reads the answers recorded here
public class TenantIsolationTests
{
    private const string A = "partner-a";
    private const string B = "partner-b";

    private static MatchmakerFactory _factory = null!;
    private static HttpClient _staff = null!;
    private static readonly Dictionary<Caller, HttpClient> Clients = [];
    private static int _fixtures;

    private enum Caller { Anonymous, BadKey, RevokedKey, Analyst, OtherPartner, Owner, Staff, StaffForA }

    private enum Policy { Anonymous, Read, Partner, Staff, Insight }

    /// <summary>One endpoint: who may call it, what another partner gets when aiming at A's records, and what the owner gets.</summary>
    private sealed record Row(string Method, string Pattern, int OtherStatus, int OwnerStatus)
    {
        internal Policy Policy { get; init; }
        internal Func<Fixture, string> Url { get; init; } = _ => "";
        internal Func<Fixture, HttpContent?> Body { get; init; } = _ => null;

        /// <summary>
        /// The answer is the association's across partners for an analyst (KPI reports: analysts read every partner's
        /// figures by design), so only the other partner is held to never seeing A's data.
        /// </summary>
        internal bool AssociationWide { get; init; }

        /// <summary>The row works on a job of A's, which its fixture runs first (staff start A's jobs, acting for A).</summary>
        internal bool OnJob { get; init; }

        /// <summary>The answer lists the records themselves (the match export), so the owner's answer must hold A's marker.</summary>
        internal bool ListsRecords { get; init; }

        public override string ToString() => $"{Method} {Pattern}";
    }

    /// <summary>Fresh records of partner A for one row, each with a marker that must never reach another caller.</summary>
    private sealed record Fixture(int N, string Marker)
    {
        public string Enterprise => $"C-A{N}";
        public string SpareEnterprise => $"C-A{N}-spare";
        public string Problem => $"P-A{N}";
        public string SpareProblem => $"P-A{N}-spare";
        public string Match { get; set; } = "";
        public string SpareExpert => $"E-del{N}";
        public string SpareKey { get; set; } = "";
        public string Job { get; set; } = "";
    }

    private static HttpContent Json(object value) => JsonContent.Create(value);

    private static HttpContent Lines(string line) => new StringContent(line, Encoding.UTF8, "application/x-ndjson");

    private static readonly Row[] Rows =
    [
        new("GET", "/health", 200, 200) { Policy = Policy.Anonymous, Url = _ => "/health" },

        new("POST", "/api/v1/experts/import", 403, 200)
            { Policy = Policy.Staff, Url = _ => "/api/v1/experts/import", Body = f => Lines($$"""{"id":"E-imp{{f.N}}","name":"导入专家","fields":["纺织涂层"]}""") },
        new("GET", "/api/v1/experts", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/experts?pageSize=5" },
        new("GET", "/api/v1/experts/{id}", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/experts/E-1" },
        new("PUT", "/api/v1/experts/{id}", 403, 201)
            { Policy = Policy.Staff, Url = f => $"/api/v1/experts/E-new{f.N}", Body = f => Json(new { id = $"E-new{f.N}", name = "新专家" }) },
        new("DELETE", "/api/v1/experts/{id}", 403, 204) { Policy = Policy.Staff, Url = f => $"/api/v1/experts/{f.SpareExpert}" },

        new("POST", "/api/v1/enterprises/import", 200, 200)
            { Policy = Policy.Partner, Url = _ => "/api/v1/enterprises/import", Body = f => Lines($$"""{"id":"{{f.Enterprise}}","name":"改名企业"}""") },
        new("GET", "/api/v1/enterprises", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/enterprises?pageSize=500" },
        new("GET", "/api/v1/enterprises/{id}", 404, 200) { Policy = Policy.Read, Url = f => $"/api/v1/enterprises/{f.Enterprise}" },
        // Another partner's PUT of the same id creates a record of its own (201); A's stays as it was.
        new("PUT", "/api/v1/enterprises/{id}", 201, 200)
            { Policy = Policy.Partner, Url = f => $"/api/v1/enterprises/{f.Enterprise}", Body = f => Json(new { id = f.Enterprise, name = "改名企业" }) },
        new("DELETE", "/api/v1/enterprises/{id}", 404, 204) { Policy = Policy.Partner, Url = f => $"/api/v1/enterprises/{f.SpareEnterprise}" },

        new("POST", "/api/v1/problems/import", 200, 200)
            { Policy = Policy.Partner, Url = _ => "/api/v1/problems/import", Body = f => Lines($$"""{"id":"{{f.Problem}}","title":"改写的难题"}""") },
        new("GET", "/api/v1/problems", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/problems?pageSize=500" },
        new("GET", "/api/v1/problems/{id}", 404, 200) { Policy = Policy.Read, Url = f => $"/api/v1/problems/{f.Problem}" },
        new("PUT", "/api/v1/problems/{id}", 201, 200)
            { Policy = Policy.Partner, Url = f => $"/api/v1/problems/{f.Problem}", Body = f => Json(new { id = f.Problem, title = "改写的难题" }) },
        new("DELETE", "/api/v1/problems/{id}", 404, 204) { Policy = Policy.Partner, Url = f => $"/api/v1/problems/{f.SpareProblem}" },
        new("GET", "/api/v1/problems/{id}/recommendations", 404, 200)
            { Policy = Policy.Partner, Url = f => $"/api/v1/problems/{f.Problem}/recommendations?top=3" },

        new("POST", "/api/v1/recommendations", 200, 200)
            { Policy = Policy.Partner, Url = _ => "/api/v1/recommendations", Body = _ => Json(new { title = "涂层开裂", top = 3 }) },

        // A body naming another partner's problem is refused as naming one that does not exist.
        new("POST", "/api/v1/matches", 400, 200)
            { Policy = Policy.Partner, Url = _ => "/api/v1/matches", Body = f => Json(new { problemId = f.Problem, expertId = "E-1" }) },
        new("GET", "/api/v1/matches/{id}", 404, 200) { Policy = Policy.Read, Url = f => $"/api/v1/matches/{f.Match}" },
        new("GET", "/api/v1/matches", 404, 200) { Policy = Policy.Read, Url = f => $"/api/v1/matches?problemId={f.Problem}" },
        // Another partner sees its own matches of the expert (none): never the owner's, whose event notes carry the marker.
        new("GET", "/api/v1/experts/{id}/matches", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/experts/E-1/matches" },
        // A's conflicts: another partner cannot name A's enterprise (400), sees none of A's, and cannot withdraw them (404).
        new("POST", "/api/v1/experts/{id}/conflicts", 400, 201)
            { Policy = Policy.Partner, Url = _ => "/api/v1/experts/E-2/conflicts", Body = f => Json(new { enterpriseId = f.Enterprise, reason = f.Marker }) },
        new("GET", "/api/v1/experts/{id}/conflicts", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/experts/E-1/conflicts" },
        new("DELETE", "/api/v1/experts/{id}/conflicts/{enterpriseId}", 404, 204)
            { Policy = Policy.Partner, Url = f => $"/api/v1/experts/E-1/conflicts/{f.SpareEnterprise}" },
        new("POST", "/api/v1/matches/{id}/events", 404, 201)
            { Policy = Policy.Partner, Url = f => $"/api/v1/matches/{f.Match}/events", Body = _ => Json(new { status = "accepted", occurredAt = "2026-05-01T09:00:00+08:00" }) },

        new("GET", "/api/v1/societies", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/societies" },

        new("POST", "/api/v1/keys", 403, 201) { Policy = Policy.Staff, Url = _ => "/api/v1/keys", Body = _ => Json(new { role = "analyst", name = "x" }) },
        new("GET", "/api/v1/keys", 403, 200) { Policy = Policy.Staff, Url = _ => "/api/v1/keys" },
        new("DELETE", "/api/v1/keys/{id}", 403, 204) { Policy = Policy.Staff, Url = f => $"/api/v1/keys/{f.SpareKey}" },
        new("GET", "/api/v1/keys/current", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/keys/current" },

        // Models belong to the association: the first row trains model 1 (too few outcomes: it ends rejected, and
        // neither it nor the base ranker can be promoted or rolled back).
        new("POST", "/api/v1/models/train", 403, 202) { Policy = Policy.Staff, Url = _ => "/api/v1/models/train", Body = _ => Json(new { promote = false }) },
        new("GET", "/api/v1/models", 200, 200) { Policy = Policy.Insight, Url = _ => "/api/v1/models" },
        new("GET", "/api/v1/models/{version}", 200, 200) { Policy = Policy.Insight, Url = _ => "/api/v1/models/1" },
        new("POST", "/api/v1/models/{version}/promote", 403, 409) { Policy = Policy.Staff, Url = _ => "/api/v1/models/1/promote" },
        new("POST", "/api/v1/models/rollback", 403, 409) { Policy = Policy.Staff, Url = _ => "/api/v1/models/rollback" },

        // A partner's KPIs are its own records' (A's problem region is in A's breakdown by region, never in B's).
        new("GET", "/api/v1/reports/kpi", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/reports/kpi?from=2026-01-01", AssociationWide = true },

        // Jobs are run by staff for a partner: an analyst (acting for the association) finds none of A's (404) and
        // changes none (403). The fixture's job is a campaign over A's problem, finished: accepted once, not cancelled.
        new("POST", "/api/v1/jobs", 403, 202)
            { Policy = Policy.Staff, Url = _ => "/api/v1/jobs", Body = f => Json(new { kind = "rank-all", top = 3, problems = new { region = f.Marker } }) },
        new("GET", "/api/v1/jobs", 200, 200) { Policy = Policy.Insight, Url = _ => "/api/v1/jobs?pageSize=500", OnJob = true },
        new("GET", "/api/v1/jobs/{id}", 404, 200) { Policy = Policy.Insight, Url = f => $"/api/v1/jobs/{f.Job}", OnJob = true },
        new("DELETE", "/api/v1/jobs/{id}", 403, 409) { Policy = Policy.Staff, Url = f => $"/api/v1/jobs/{f.Job}", OnJob = true },
        new("GET", "/api/v1/jobs/{id}/results", 404, 200) { Policy = Policy.Insight, Url = f => $"/api/v1/jobs/{f.Job}/results", OnJob = true },
        new("GET", "/api/v1/jobs/{id}/exclusions", 404, 200) { Policy = Policy.Insight, Url = f => $"/api/v1/jobs/{f.Job}/exclusions", OnJob = true },
        new("POST", "/api/v1/jobs/{id}/accept", 403, 200) { Policy = Policy.Staff, Url = f => $"/api/v1/jobs/{f.Job}/accept", OnJob = true },

        // The match export: each partner its own matches (another partner's answer lacks A's), staff and analysts every partner's.
        new("GET", "/api/v1/reports/matches", 200, 200) { Policy = Policy.Read, Url = _ => "/api/v1/reports/matches?format=csv", AssociationWide = true, ListsRecords = true },
    ];

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory(settings: JobClient.QuickWorker());
        _staff = await _factory.StartAsync();
        var experts = await _staff.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-1","name":"陈立新","fields":["纺织涂层"],"profile":"遮光涂层与低温开裂研究"}""",
            """{"id":"E-2","name":"李文","fields":["注塑模具"],"profile":"注塑件翘曲与模具冷却"}""");
        experts.EnsureSuccessStatusCode();

        var revoked = await _factory.CreateKeyAsync("partner", A);
        using (var listing = await (await _staff.GetAsync("/api/v1/keys?pageSize=500")).Content.ReadAsStreamAsync())
        {
            var id = JsonDocument.Parse(listing).RootElement.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetString();
            (await _staff.DeleteAsync($"/api/v1/keys/{id}")).EnsureSuccessStatusCode();
        }
        Clients[Caller.Anonymous] = _factory.ClientWith(null);
        Clients[Caller.BadKey] = _factory.ClientWith("mmk_000000000000_" + new string('A', 43));
        Clients[Caller.RevokedKey] = _factory.ClientWith(revoked);
        Clients[Caller.Analyst] = _factory.ClientWith(await _factory.CreateKeyAsync("analyst"));
        Clients[Caller.OtherPartner] = _factory.ClientWith(await _factory.CreateKeyAsync("partner", B));
        Clients[Caller.Owner] = _factory.ClientWith(await _factory.CreateKeyAsync("partner", A));
        Clients[Caller.Staff] = _staff;
        Clients[Caller.StaffForA] = _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: A);
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    [Test]
    public void The_table_covers_every_endpoint()
    {
        var mapped = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {"/" + e.RoutePattern.RawText!.Trim('/')}"))
            .Order().ToList();

        Assert.That(Rows.Select(r => r.ToString()).Order().ToList(), Is.EqualTo(mapped));
    }

    [Test]
    public async Task Other_callers_neither_see_nor_change_a_partners_records_on_any_endpoint()
    {
        var failures = new List<string>();
        foreach (var row in Rows)
        {
            var fixture = await NewFixtureAsync(withJob: row.OnJob);
            var before = SnapshotOfA();
            foreach (var caller in new[] { Caller.Anonymous, Caller.BadKey, Caller.RevokedKey, Caller.Analyst, Caller.OtherPartner })
            {
                var (status, body, mediaType) = await SendAsync(caller, row, fixture);
                var expected = Expected(row, caller);
                if (status != expected) failures.Add($"{row} as {caller}: {status}, expected {expected}: {body}");
                if (body.Contains(fixture.Marker, StringComparison.Ordinal) && !(row.AssociationWide && caller == Caller.Analyst)) failures.Add($"{row} as {caller}: the answer shows partner A's data");
                if (status >= 400 && mediaType != "application/problem+json") failures.Add($"{row} as {caller}: {status} without problem+json");
            }
            if (SnapshotOfA() != before) failures.Add($"{row}: partner A's records changed");

            // Partners do not run jobs: staff run them for a partner.
            var owner = row.Pattern.StartsWith("/api/v1/jobs", StringComparison.Ordinal) ? Caller.StaffForA
                : row.Policy is Policy.Staff or Policy.Insight ? Caller.Staff : Caller.Owner;
            var (ownerStatus, ownerBody, _) = await SendAsync(owner, row, fixture);
            if (ownerStatus != row.OwnerStatus) failures.Add($"{row} as {owner}: {ownerStatus}, expected {row.OwnerStatus}: {ownerBody}");
            if (row.ListsRecords && !ownerBody.Contains(fixture.Marker, StringComparison.Ordinal)) failures.Add($"{row} as {owner}: the owner's records are missing");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Staff_and_analysts_reach_a_partners_records_by_naming_the_partner()
    {
        var fixture = await NewFixtureAsync();
        var analyst = _factory.ClientWith(await _factory.CreateKeyAsync("analyst"), partnerHeader: A);
        var staff = _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: A);

        var seenByAnalyst = await analyst.GetAsync($"/api/v1/problems/{fixture.Problem}");
        var seenByStaff = await staff.GetAsync($"/api/v1/matches/{fixture.Match}");
        var writtenByAnalyst = await analyst.PutAsJsonAsync($"/api/v1/problems/{fixture.Problem}", new { id = fixture.Problem, title = "x" });

        Assert.That((int)seenByAnalyst.StatusCode, Is.EqualTo(200));
        Assert.That(await seenByAnalyst.Content.ReadAsStringAsync(), Does.Contain(fixture.Marker));
        Assert.That((int)seenByStaff.StatusCode, Is.EqualTo(200));
        Assert.That((int)writtenByAnalyst.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task A_partner_key_cannot_name_another_partner()
    {
        var fixture = await NewFixtureAsync();
        var pretender = _factory.ClientWith(await _factory.CreateKeyAsync("partner", B), partnerHeader: A);

        var response = await pretender.GetAsync($"/api/v1/problems/{fixture.Problem}");

        Assert.That((int)response.StatusCode, Is.EqualTo(403));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(fixture.Marker));
    }

    [Test]
    public async Task Staff_acting_for_another_partner_find_none_of_a_partners_jobs()
    {
        var fixture = await NewFixtureAsync(withJob: true);
        var staffForB = _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: B);

        var statuses = new List<int>();
        foreach (var (method, path) in new[] { ("GET", ""), ("GET", "/results"), ("GET", "/exclusions"), ("DELETE", ""), ("POST", "/accept") })
            statuses.Add((int)(await staffForB.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/jobs/{fixture.Job}{path}"))).StatusCode);
        var listed = await (await staffForB.GetAsync("/api/v1/jobs?pageSize=500")).Content.ReadAsStringAsync();
        var own = await Clients[Caller.StaffForA].GetAsync($"/api/v1/jobs/{fixture.Job}");

        Assert.That(statuses, Is.All.EqualTo(404));
        Assert.That(listed, Does.Not.Contain(fixture.Job).And.Not.Contain(fixture.Marker));
        Assert.That((await own.JsonAsync()).GetProperty("accepted").ValueKind, Is.EqualTo(JsonValueKind.Null), "B's accept did not touch A's plan");
    }

    private static int Expected(Row row, Caller caller)
    {
        if (row.Policy == Policy.Anonymous) return row.OwnerStatus;
        if (caller is Caller.Anonymous or Caller.BadKey or Caller.RevokedKey) return 401;
        var allowed = row.Policy switch
        {
            Policy.Read => true,
            Policy.Partner => caller is Caller.OtherPartner or Caller.Owner or Caller.Staff,
            Policy.Insight => caller is Caller.Analyst or Caller.Staff,
            _ => caller is Caller.Staff,
        };
        return allowed ? row.OtherStatus : 403; // an analyst acts for the association's own records, not A's
    }

    private static async Task<(int Status, string Body, string? MediaType)> SendAsync(Caller caller, Row row, Fixture fixture)
    {
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Url(fixture)) { Content = row.Body(fixture) };
        using var response = await Clients[caller].SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Partner A's enterprises, problems, matches and events of a new fixture, made through A's own key.</summary>
    /// <remarks>With <paramref name="withJob"/>, a campaign over A's new problem, run by staff acting for A. Every
    /// fixture waits for A's jobs to finish, so that no job of A's changes while a row is tried.</remarks>
    private static async Task<Fixture> NewFixtureAsync(bool withJob = false)
    {
        var fixture = new Fixture(Interlocked.Increment(ref _fixtures), $"甲方机密{Guid.NewGuid():N}");
        var owner = Clients[Caller.Owner];
        async Task Ok(Task<HttpResponseMessage> call) => (await call).EnsureSuccessStatusCode();

        await Ok(owner.PutAsJsonAsync($"/api/v1/enterprises/{fixture.Enterprise}", new { id = fixture.Enterprise, name = $"企业{fixture.Marker}" }));
        await Ok(owner.PutAsJsonAsync($"/api/v1/enterprises/{fixture.SpareEnterprise}", new { id = fixture.SpareEnterprise, name = $"企业{fixture.Marker}" }));
        await Ok(owner.PutAsJsonAsync($"/api/v1/problems/{fixture.Problem}",
            new { id = fixture.Problem, enterpriseId = fixture.Enterprise, title = "遮光涂层低温开裂", description = $"说明{fixture.Marker}", region = $"湖州市{fixture.Marker}" }));
        await Ok(owner.PutAsJsonAsync($"/api/v1/problems/{fixture.SpareProblem}", new { id = fixture.SpareProblem, title = $"难题{fixture.Marker}" }));
        var match = await owner.PostAsJsonAsync("/api/v1/matches", new { problemId = fixture.Problem, expertId = "E-1" });
        fixture.Match = (await match.JsonAsync()).GetProperty("id").GetString()!;
        await Ok(owner.PostAsJsonAsync($"/api/v1/matches/{fixture.Match}/events",
            new { status = "contacted", occurredAt = "2026-04-01T09:00:00+08:00", note = $"纪要{fixture.Marker}" }));

        await Ok(owner.PostAsJsonAsync("/api/v1/experts/E-1/conflicts", new { enterpriseId = fixture.SpareEnterprise, reason = $"原因{fixture.Marker}" }));
        await Ok(_staff.PutAsJsonAsync($"/api/v1/experts/{fixture.SpareExpert}", new { id = fixture.SpareExpert, name = "待删专家" }));
        var key = await _staff.PostAsJsonAsync("/api/v1/keys", new { role = "analyst", name = "spare" });
        fixture.SpareKey = (await key.JsonAsync()).GetProperty("id").GetString()!;
        if (withJob) fixture.Job = await Clients[Caller.StaffForA].StartJobAsync(new { kind = "campaign", problems = new { region = fixture.Marker } });
        for (var polls = 0; JobsOfAAtWork() > 0; polls++)
        {
            if (polls == 600) throw new TimeoutException("partner A's jobs did not finish within 30 s");
            await Task.Delay(50);
        }
        return fixture;
    }

    private static int JobsOfAAtWork()
    {
        using var connection = _factory.Database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM jobs WHERE tenant_id = @A AND status IN ('queued', 'running')", new { A });
    }

    /// <summary>Everything partner A owns, read straight from the database.</summary>
    private static string SnapshotOfA()
    {
        using var connection = _factory.Database.Open();
        var tables = new[]
        {
            connection.Query("SELECT * FROM enterprises WHERE tenant_id = @A ORDER BY id", new { A }),
            connection.Query("SELECT * FROM problems WHERE tenant_id = @A ORDER BY id", new { A }),
            connection.Query("SELECT * FROM matches WHERE tenant_id = @A ORDER BY id", new { A }),
            connection.Query("SELECT e.* FROM match_events e JOIN matches m ON m.id = e.match_id WHERE m.tenant_id = @A ORDER BY e.id", new { A }),
            connection.Query("SELECT * FROM expert_conflicts WHERE tenant_id = @A ORDER BY expert_id, enterprise_id", new { A }),
            connection.Query("SELECT * FROM jobs WHERE tenant_id = @A ORDER BY id", new { A }),
        };
        return JsonSerializer.Serialize(tables);
    }
}
