using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matchmaker.Core.Ranking;
using Matchmaker.Tests.Api;
using MiniExcelLibs;

namespace Matchmaker.Tests.Reports;

/// <summary>
/// A known history of four problems and four matches, entered through the API, and every KPI figure checked exactly,
/// with the filters, the breakdowns and each format. The period runs from 2026-01-01 to today (the matches are created
/// today, so their creation falls in it wherever the suite runs).
/// </summary>
public class KpiReportTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _client = null!;
    private static string _period = "";

    [OneTimeSetUp]
    public static async Task EnterTheHistory()
    {
        _factory = new MatchmakerFactory();
        _client = await _factory.StartAsync();
        _period = $"from=2026-01-01&to={Ranker.ChinaDay(DateTimeOffset.UtcNow):yyyy-MM-dd}";
        await Ok(_client.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-A","name":"甲专家","kind":"societyExpert","societies":["学会甲","学会乙"],"fields":["注塑模具"]}""",
            """{"id":"E-B","name":"乙院士","kind":"academician","societies":["学会甲"],"fields":["注塑模具"]}""",
            """{"id":"E-C","name":"丙海智","kind":"overseasTalent","fields":["注塑模具"]}"""));
        await Ok(_client.PostLinesAsync("/api/v1/enterprises/import",
            """{"id":"C-1","name":"德清某模具有限公司","region":"湖州市德清县","industry":"智能制造"}""",
            """{"id":"C-2","name":"余杭某药业有限公司","region":"杭州市余杭区","industry":"生物医药"}"""));
        await Ok(_client.PostLinesAsync("/api/v1/problems/import",
            """{"id":"P-1","enterpriseId":"C-1","title":"注塑件翘曲","region":"湖州市德清县","industry":"智能制造","postedAt":"2026-01-10T09:00:00+08:00"}""",
            """{"id":"P-2","enterpriseId":"C-2","title":"注塑包材开裂","region":"杭州市余杭区","industry":"生物医药","postedAt":"2026-02-01T09:00:00+08:00"}""",
            """{"id":"P-3","enterpriseId":"C-1","title":"模具冷却","region":"湖州市德清县","industry":"智能制造","postedAt":"2025-11-20T09:00:00+08:00"}""",
            """{"id":"P-4","title":"无人问津","region":"杭州市余杭区","industry":"=HYPERLINK(\"http://x\",\"y\")","postedAt":"2026-03-01T09:00:00+08:00"}"""));
        await Match("P-1", "E-A", ("contacted", "2026-01-15", null), ("accepted", "2026-01-20", null), ("visited", "2026-02-01", null),
            ("solved", "2026-03-01", """ "profitAddedYuan":1000000,"patents":2,"standards":1 """));
        await Match("P-1", "E-B", ("contacted", "2026-01-12", null), ("accepted", "2026-01-14", null), ("visited", "2026-01-25", null),
            ("unsolved", "2026-02-20", """ "projects":1 """));
        await Match("P-2", "E-A", ("contacted", "2026-02-05", null), ("declined", "2026-02-06", null));
        await Match("P-3", "E-C", ("contacted", "2025-12-01", null), ("accepted", "2025-12-02", null), ("visited", "2026-01-05", null),
            ("solved", "2026-04-10", """ "profitAddedYuan":500000,"awards":1 """));
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    private static async Task Match(string problem, string expert, params (string Status, string Day, string? Figures)[] steps)
    {
        var created = await _client.PostAsJsonAsync("/api/v1/matches", new { problemId = problem, expertId = expert });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = (await created.JsonAsync()).GetProperty("id").GetString();
        foreach (var (status, day, figures) in steps)
        {
            var body = $$"""{"status":"{{status}}","occurredAt":"{{day}}T09:00:00+08:00"{{(figures is null ? "" : "," + figures)}}}""";
            await Ok(_client.PostAsync($"/api/v1/matches/{id}/events", new StringContent(body, Encoding.UTF8, "application/json")));
        }
    }

    private static async Task<JsonElement> ReportAsync(string query = "", HttpClient? client = null)
    {
        var response = await (client ?? _client).GetAsync($"/api/v1/reports/kpi?{_period}{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static Dictionary<string, object?> Figures(JsonElement figures) => figures.EnumerateObject().ToDictionary(p => p.Name,
        p => p.Value.ValueKind == JsonValueKind.Null ? null : (object)p.Value.GetDouble());

    [Test]
    public async Task Every_figure_of_the_totals_is_exact()
    {
        var totals = Figures((await ReportAsync()).GetProperty("totals"));

        Assert.That(totals, Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["societiesEngaged"] = 2.0, // 学会甲 and 学会乙, of E-A and E-B who visited; E-C has none
            ["distinctExperts"] = 3.0,
            ["expertVisits"] = 3.0, // M1, M2 and M4's visits; M4 was contacted before the period
            ["enterprisesServed"] = 1.0, // C-1, through P-1 and P-3
            ["problemsPosted"] = 3.0, // P-1, P-2, P-4; P-3 was posted in 2025
            ["problemsMatched"] = 3.0, // P-1, P-2, P-3: their first matches were created today
            ["problemsContacted"] = 2.0, // P-1 (twice, counted once), P-2; P-3's contact was in 2025
            ["problemsVisited"] = 2.0, // P-1 (two visits), P-3
            ["problemsSolved"] = 2.0, // P-1, P-3
            ["matchedRate"] = 0.6667, // of P-1, P-2, P-4 posted, P-1 and P-2 were matched by the end
            ["contactedRate"] = 1.0, // P-1, P-2, P-3 matched, all contacted by the end (P-3 in 2025)
            ["visitedRate"] = 0.5, // of P-1, P-2 contacted, P-1 was visited
            ["solvedRate"] = 1.0, // P-1, P-3 visited, both solved
            ["profitAddedYuan"] = 1_500_000.0,
            ["patents"] = 2.0,
            ["standards"] = 1.0,
            ["awards"] = 1.0,
            ["projects"] = 1.0, // recorded with M2's unsolved
            ["medianDaysToFirstContact"] = 3.0, // P-1 after 2 days (M2), P-2 after 4
            ["medianDaysToSolved"] = 95.5, // P-1 after 50 days, P-3 after 141
        }));
    }

    [Test]
    public async Task Rates_are_conversions_never_above_one_in_any_row()
    {
        var report = await ReportAsync();
        var rows = new List<(string Row, JsonElement Figures)> { ("totals", report.GetProperty("totals")) };
        foreach (var breakdown in report.GetProperty("breakdowns").EnumerateObject())
            rows.AddRange(breakdown.Value.EnumerateArray().Select(r => ($"{breakdown.Name} {r.GetProperty("key")}", r.GetProperty("figures"))));
        rows.AddRange(report.GetProperty("monthly").EnumerateArray().Select(r => ($"month {r.GetProperty("key")}", r.GetProperty("figures"))));
        var january = report.GetProperty("monthly").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "2026-01").GetProperty("figures");

        Assert.Multiple(() =>
        {
            foreach (var (row, figures) in rows)
                foreach (var rate in new[] { "matchedRate", "contactedRate", "visitedRate", "solvedRate" })
                    if (figures.GetProperty(rate).ValueKind == JsonValueKind.Number)
                        Assert.That(figures.GetProperty(rate).GetDouble(), Is.InRange(0.0, 1.0), $"{row} {rate}");
            // January: P-1 contacted, P-1 and P-3 visited (P-3 contacted in 2025): of the one problem contacted, one
            // was visited by the end; a visits-over-contacts ratio would say 2.
            Assert.That(january.GetProperty("visitedRate").GetDouble(), Is.EqualTo(1.0));
            Assert.That(rows, Has.Count.GreaterThan(10), "the breakdowns and months were walked");
        });
    }

    [Test]
    public async Task Filters_take_the_problems_or_the_experts_they_name()
    {
        var society = Figures((await ReportAsync("&society=学会乙")).GetProperty("totals"));
        var academician = Figures((await ReportAsync("&expertKind=academician")).GetProperty("totals"));
        var deqing = Figures((await ReportAsync("&region=德清")).GetProperty("totals"));
        var pharma = Figures((await ReportAsync("&industry=生物医药")).GetProperty("totals"));

        Assert.Multiple(() =>
        {
            // Only E-A's matches: M1 (visit, solution) and M3 (contact, decline); posted problems are not expert-filtered.
            Assert.That((society["expertVisits"], society["problemsContacted"], society["problemsSolved"], society["profitAddedYuan"], society["problemsPosted"]),
                Is.EqualTo((1.0, 2.0, 1.0, 1_000_000.0, 3.0)));
            Assert.That((academician["expertVisits"], academician["problemsSolved"], academician["projects"], academician["societiesEngaged"]),
                Is.EqualTo((1.0, 0.0, 1.0, 1.0)));
            Assert.That((deqing["problemsPosted"], deqing["problemsSolved"], deqing["expertVisits"], deqing["profitAddedYuan"]), Is.EqualTo((1.0, 2.0, 3.0, 1_500_000.0)));
            Assert.That((pharma["problemsPosted"], pharma["problemsContacted"], pharma["expertVisits"]), Is.EqualTo((1.0, 1.0, 0.0)));
        });
    }

    [Test]
    public async Task Breakdowns_and_the_monthly_trend_split_the_same_figures()
    {
        var report = await ReportAsync();
        Dictionary<string, Dictionary<string, object?>> Rows(JsonElement rows) =>
            rows.EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => Figures(r.GetProperty("figures")));
        var months = Rows(report.GetProperty("monthly"));
        var industry = Rows(report.GetProperty("breakdowns").GetProperty("industry"));
        var society = Rows(report.GetProperty("breakdowns").GetProperty("society"));
        var kind = Rows(report.GetProperty("breakdowns").GetProperty("expertKind"));

        Assert.Multiple(() =>
        {
            Assert.That(months.Keys.First(), Is.EqualTo("2026-01"));
            Assert.That(months.Keys.Last(), Is.EqualTo($"{Ranker.ChinaDay(DateTimeOffset.UtcNow):yyyy-MM}"), "every month of the period is listed");
            Assert.That((months["2026-01"]["expertVisits"], months["2026-02"]["expertVisits"], months["2026-03"]["expertVisits"]), Is.EqualTo((2.0, 1.0, 0.0)));
            Assert.That((months["2026-03"]["problemsSolved"], months["2026-04"]["problemsSolved"], months["2026-04"]["profitAddedYuan"]), Is.EqualTo((1.0, 1.0, 500_000.0)));
            Assert.That(months.Values.Sum(m => (double)m["expertVisits"]!), Is.EqualTo(3), "the months add up to the totals");
            Assert.That((industry["智能制造"]["problemsSolved"], industry["生物医药"]["problemsContacted"]), Is.EqualTo((2.0, 1.0)));
            Assert.That((society["学会甲"]["expertVisits"], society["学会乙"]["expertVisits"]), Is.EqualTo((2.0, 1.0)), "a match counts under each society of its expert");
            Assert.That((kind["academician"]["expertVisits"], kind["overseasTalent"]["problemsSolved"]), Is.EqualTo((1.0, 1.0)));
        });
    }

    [Test]
    public async Task A_match_cannot_be_solved_twice_so_no_figure_is_counted_twice()
    {
        var before = Figures((await ReportAsync()).GetProperty("totals"));
        var m1 = (await (await _client.GetAsync("/api/v1/matches?problemId=P-1")).JsonAsync()).GetProperty("items").EnumerateArray()
            .First(m => m.GetProperty("expertId").GetString() == "E-A").GetProperty("id").GetString();
        var again = await _client.PostAsync($"/api/v1/matches/{m1}/events", new StringContent(
            """{"status":"solved","occurredAt":"2026-03-02T09:00:00+08:00","profitAddedYuan":1000000}""", Encoding.UTF8, "application/json"));
        var after = Figures((await ReportAsync()).GetProperty("totals"));

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(after, Is.EquivalentTo(before));
    }

    [Test]
    public async Task A_partner_reads_its_own_figures_only()
    {
        var partner = _factory.ClientWith(await _factory.CreateKeyAsync("partner", "linping"));
        var analyst = _factory.ClientWith(await _factory.CreateKeyAsync("analyst"));

        var own = await ReportAsync(client: partner);
        var other = await partner.GetAsync($"/api/v1/reports/kpi?{_period}&partner=default");
        var all = await ReportAsync(client: analyst);
        var named = await ReportAsync("&partner=linping", analyst);

        Assert.Multiple(async () =>
        {
            Assert.That(own.GetProperty("totals").GetProperty("problemsPosted").GetInt32(), Is.Zero, "linping has no records");
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await other.Content.ReadAsStringAsync());
            Assert.That(all.GetProperty("totals").GetProperty("problemsPosted").GetInt32(), Is.EqualTo(3));
            Assert.That(named.GetProperty("totals").GetProperty("expertVisits").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public async Task Csv_has_a_byte_order_mark_for_excel_and_escapes_formulas()
    {
        var response = await _client.GetAsync($"/api/v1/reports/kpi?{_period}&format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
            Assert.That(lines[0], Does.StartWith("分组,名称,参与学会,服务专家（人）,专家走访（人次）"));
            Assert.That(lines[1], Does.StartWith("总计,全部,2,3,3,1,3,3,2,2,2,0.6667,1,0.5,1,1500000,2,1,1,1,3,95.5"));
            Assert.That(lines.Any(l => l.Contains("'=HYPERLINK", StringComparison.Ordinal)), Is.True, "the formula is escaped");
            Assert.That(lines.Any(l => l.StartsWith("行业,=", StringComparison.Ordinal) || l.StartsWith("行业,\"=", StringComparison.Ordinal)), Is.False, "no cell starts with =");
        });
    }

    [Test]
    public async Task Xlsx_reads_back_with_the_same_figures_as_numbers()
    {
        var chinese = await _client.GetAsync($"/api/v1/reports/kpi?{_period}&format=xlsx");
        Assert.That(chinese.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the Chinese labels are distinct column names too");
        var response = await _client.GetAsync($"/api/v1/reports/kpi?{_period}&format=xlsx&lang=en");
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = workbook.GetSheetNames();
        var totals = workbook.Query(useHeaderRow: true, sheetName: "Total").Cast<IDictionary<string, object>>().Single();
        var regions = workbook.Query(useHeaderRow: true, sheetName: "Region").Cast<IDictionary<string, object>>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
            Assert.That(sheets, Is.EqualTo(new[] { "Total", "Monthly", "Region", "Industry", "Society", "Expert kind", "Partner" }));
            Assert.That(totals["Expert visits"], Is.EqualTo(3.0), "a number, not text");
            Assert.That(totals["Profit added (yuan)"], Is.EqualTo(1_500_000.0));
            Assert.That((totals["Matched rate"], totals["Visited rate"]), Is.EqualTo((0.6667, 0.5)));
            Assert.That(regions.Single(r => (string)r["Key"] == "湖州市德清县")["Problems solved"], Is.EqualTo(2.0));
        });
    }

    [Test]
    public async Task The_html_report_is_self_contained_and_holds_the_charts_data()
    {
        var response = await _client.GetAsync($"/api/v1/reports/kpi?{_period}&format=html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("src=").And.Not.Contain("href=").And.Not.Contain("url(").And.Not.Contain("@import"),
                "no external scripts, styles or fonts");
            Assert.That(html, Does.Contain("<svg id=\"funnel\"").And.Contain("<svg id=\"solved-by-industry\"").And.Contain("<svg id=\"trend\""));
            Assert.That(html, Does.Contain("data-label=\"发布难题\" data-value=\"3\"").And.Contain("data-label=\"已解决难题\" data-value=\"2\""));
            Assert.That(html, Does.Contain("data-label=\"智能制造\" data-value=\"2\""));
            Assert.That(html, Does.Contain("data-series=\"expertVisits\" data-values=\"2,1,0,"));
            Assert.That(html, Does.Contain("&#39;").Or.Contain("=HYPERLINK(&quot;"), "text is HTML-encoded");
        });
    }

    [Test]
    public async Task The_html_report_names_its_filters_as_the_labels_do()
    {
        var html = await _client.GetStringAsync($"/api/v1/reports/kpi?{_period}&format=html&expertKind=societyExpert");
        var english = await _client.GetStringAsync($"/api/v1/reports/kpi?{_period}&format=html&expertKind=societyExpert&lang=en");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("专家类型: 学会专家"));
            Assert.That(english, Does.Contain("Expert kind: Society expert").And.Not.Contain("SocietyExpert"));
        });
    }

    [TestCase("from=2026-13-01", "from")]
    [TestCase("from=2026-05-01&to=2026-04-01", "from")]
    [TestCase("from=9999-06-01&to=9999-12-31", "to")] // the day after to would overflow: it was a 500
    [TestCase("expertKind=wizard", "expertKind")]
    [TestCase("format=pdf", "format")]
    [TestCase("lang=fr", "lang")]
    [TestCase("partner=a%20b", "partner")]
    public async Task Refuses_bad_input_naming_the_field(string query, string field)
    {
        var response = await _client.GetAsync($"/api/v1/reports/kpi?{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain(field));
    }
}
