using System.Net;
using System.Net.Http.Json;
using CsvHelper;
using Matchmaker.Tests.Api;
using MiniExcelLibs;

namespace Matchmaker.Tests.Reports;

/// <summary>
/// The match export as analysts and partners download it: a known history of matches and events made through the API,
/// exported as CSV and XLSX, read back cell by cell.
/// </summary>
public class MatchExportTests
{
    private const string A = "partner-a";
    private const string B = "partner-b";
    private const string Formula = "=HYPERLINK(\"http://x\",\"y\")";

    private static MatchmakerFactory _factory = null!;
    private static HttpClient _staff = null!;
    private static HttpClient _partnerA = null!;
    private static HttpClient _partnerB = null!;
    private static HttpClient _analyst = null!;
    private static string _solved = "", _declined = "", _proposed = "", _ofB = "";

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory();
        _staff = await _factory.StartAsync();
        (await _staff.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-1","name":"陈立新","kind":"societyExpert","organization":"浙江理工大学","societies":["中国纺织工程学会","浙江省纺织工程学会"],"fields":["纺织涂层"]}""",
            """{"id":"E-2","name":"@李文","kind":"engineer","organization":"-宁波模具研究所","fields":["注塑模具"]}""")).EnsureSuccessStatusCode();
        _partnerA = _factory.ClientWith(await _factory.CreateKeyAsync("partner", A));
        _partnerB = _factory.ClientWith(await _factory.CreateKeyAsync("partner", B));
        _analyst = _factory.ClientWith(await _factory.CreateKeyAsync("analyst"));

        await Ok(_partnerA.PutAsJsonAsync("/api/v1/enterprises/C-1", new { id = "C-1", name = Formula }));
        await Ok(_partnerA.PutAsJsonAsync("/api/v1/problems/P-1", new
        {
            id = "P-1", enterpriseId = "C-1", title = "遮光窗帘涂层低温开裂", industry = "家纺", region = "杭州市余杭区", postedAt = "2026-03-02T10:30:00+08:00",
        }));
        await Ok(_partnerA.PutAsJsonAsync("/api/v1/problems/P-2", new { id = "P-2", title = "注塑件翘曲", industry = "注塑", region = "宁波市北仑区" }));
        await Ok(_partnerB.PutAsJsonAsync("/api/v1/problems/P-9", new { id = "P-9", title = "乙方的难题", industry = "家纺", region = "湖州市德清县" }));

        _solved = await MatchAsync(_partnerA, "P-1", "E-1",
            new { status = "contacted", occurredAt = "2026-04-01T09:00:00+08:00" },
            new { status = "accepted", occurredAt = "2026-04-03T09:00:00+08:00" },
            new { status = "visited", occurredAt = "2026-04-10T14:00:00+08:00", patents = 1, rating = 4 },
            new { status = "solved", occurredAt = "2026-06-20T10:00:00+08:00", profitAddedYuan = 1250000.5, patents = 2, standards = 1, projects = 1 });
        _declined = await MatchAsync(_partnerA, "P-2", "E-2",
            new { status = "contacted", occurredAt = "2026-04-02T09:00:00+08:00" },
            new { status = "declined", occurredAt = "2026-04-05T16:30:00+08:00", rating = 2 });
        _proposed = await MatchAsync(_partnerA, "P-1", "E-2");
        _ofB = await MatchAsync(_partnerB, "P-9", "E-1", new { status = "contacted", occurredAt = "2026-05-01T09:00:00+08:00" });
    }

    [OneTimeTearDown]
    public static void Stop()
    {
        _partnerA.Dispose();
        _partnerB.Dispose();
        _analyst.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Csv_has_a_byte_order_mark_one_row_per_match_and_the_summed_figures()
    {
        var response = await _staff.GetAsync("/api/v1/reports/matches?format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/csv; charset=utf-8"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("matches.csv"));
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "Excel shows Chinese only after a byte order mark");
        var rows = Csv(bytes);
        Assert.That(rows.Select(r => r["匹配编号"]), Is.EqualTo(new[] { _solved, _declined, _proposed, _ofB }), "every partner's, in the order proposed");
        var solved = rows[0];
        Assert.Multiple(() =>
        {
            Assert.That((solved["合作方"], solved["难题编号"], solved["难题"], solved["行业"], solved["地区"]),
                Is.EqualTo((A, "P-1", "遮光窗帘涂层低温开裂", "家纺", "杭州市余杭区")));
            Assert.That(solved["发布时间"], Is.EqualTo("2026-03-02T10:30:00+08:00"), "times in China time");
            Assert.That((solved["专家"], solved["专家类型"], solved["工作单位"], solved["所属学会"]),
                Is.EqualTo(("陈立新", "societyExpert", "浙江理工大学", "中国纺织工程学会、浙江省纺织工程学会")));
            Assert.That(solved["匹配状态"], Is.EqualTo("solved"));
            Assert.That(double.Parse(solved["匹配度"], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
            Assert.That((solved["联系时间"], solved["接受时间"], solved["走访时间"], solved["解决时间"]),
                Is.EqualTo(("2026-04-01T09:00:00+08:00", "2026-04-03T09:00:00+08:00", "2026-04-10T14:00:00+08:00", "2026-06-20T10:00:00+08:00")));
            Assert.That((solved["谢绝时间"], solved["未解决时间"], solved["撤回时间"]), Is.EqualTo(("", "", "")), "steps never taken are empty");
            Assert.That((solved["新增利润（元）"], solved["专利"], solved["标准"], solved["奖项"], solved["项目"]), Is.EqualTo(("1250000.5", "3", "1", "", "1")),
                "figures summed over the events; none given is empty");
            Assert.That(solved["评分"], Is.EqualTo("4"), "the rating given last");
            Assert.That((rows[1]["匹配状态"], rows[1]["谢绝时间"], rows[1]["评分"]), Is.EqualTo(("declined", "2026-04-05T16:30:00+08:00", "2")));
            Assert.That((rows[2]["匹配状态"], rows[2]["联系时间"], rows[2]["专利"], rows[2]["评分"]), Is.EqualTo(("proposed", "", "", "")));
        });
    }

    [Test]
    public async Task Csv_cells_a_spreadsheet_would_run_as_formulas_are_escaped()
    {
        var text = await _staff.GetStringAsync("/api/v1/reports/matches?format=csv&lang=en");
        var rows = Csv(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.That(text, Does.Contain("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), "quoted, with a quote mark in front");
        Assert.That(rows[0]["Enterprise"], Is.EqualTo("'" + Formula));
        Assert.That(rows[1]["Expert"], Is.EqualTo("'@李文"));
        Assert.That(rows[1]["Organization"], Is.EqualTo("'-宁波模具研究所"));
        Assert.That(rows[0]["Profit added (yuan)"], Is.EqualTo("1250000.5"), "numbers are numbers, even negative ones would be");
    }

    [Test]
    public async Task Xlsx_reads_back_with_the_same_figures_as_numbers_and_times_as_dates()
    {
        var response = await _analyst.GetAsync("/api/v1/reports/matches?format=xlsx&lang=en");
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        var rows = MiniExcel.Query(file, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.That(rows.Select(r => r["Match ID"]), Is.EqualTo(new[] { _solved, _declined, _proposed, _ofB }), "an analyst gets every partner's");
        var solved = rows[0];
        Assert.Multiple(() =>
        {
            Assert.That(solved["Enterprise"], Is.EqualTo(Formula), "text, never a formula: nothing to escape");
            Assert.That(solved["Profit added (yuan)"], Is.EqualTo(1250000.5));
            Assert.That((solved["Patents"], solved["Standards"], solved["Projects"], solved["Rating"]), Is.EqualTo((3.0, 1.0, 1.0, 4.0)), "numbers, not text");
            Assert.That(solved["Awards"], Is.Null);
            Assert.That(solved["Score"], Is.TypeOf<double>());
            Assert.That(solved["Solved at"], Is.EqualTo(new DateTime(2026, 6, 20, 10, 0, 0)), "a date, in China time");
            Assert.That(solved["Posted at"], Is.EqualTo(new DateTime(2026, 3, 2, 10, 30, 0)));
            Assert.That(rows[2]["Contacted at"], Is.Null);
        });
    }

    [Test]
    public async Task An_export_without_matches_still_has_its_header()
    {
        var csv = Csv(await _staff.GetByteArrayAsync("/api/v1/reports/matches?partner=nobody"));
        using var xlsx = new MemoryStream(await _staff.GetByteArrayAsync("/api/v1/reports/matches?partner=nobody&format=xlsx"));

        Assert.That(csv, Is.Empty);
        var header = MiniExcel.Query(xlsx, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Single();
        Assert.That(header.Values.First(), Is.EqualTo("匹配编号"));
        Assert.That(header.Values, Has.Count.EqualTo(30));
    }

    [Test]
    public async Task A_partner_gets_its_own_matches_and_may_not_name_another_partner()
    {
        var ofA = Csv(await _partnerA.GetByteArrayAsync("/api/v1/reports/matches"));
        var ofB = Csv(await _partnerB.GetByteArrayAsync("/api/v1/reports/matches"));
        var namingItself = Csv(await _partnerB.GetByteArrayAsync($"/api/v1/reports/matches?partner={B}"));
        var namingA = await _partnerB.GetAsync($"/api/v1/reports/matches?partner={A}");

        Assert.That(ofA.Select(r => r["匹配编号"]), Is.EqualTo(new[] { _solved, _declined, _proposed }));
        Assert.That(ofB.Select(r => r["匹配编号"]), Is.EqualTo(new[] { _ofB }));
        Assert.That(namingItself.Select(r => r["匹配编号"]), Is.EqualTo(new[] { _ofB }));
        Assert.That(namingA.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await namingA.Content.ReadAsStringAsync(), Does.Not.Contain(_solved));
    }

    [Test]
    public async Task Staff_and_analysts_narrow_the_export_to_one_partner_by_the_parameter_or_the_header()
    {
        var byParameter = Csv(await _analyst.GetByteArrayAsync($"/api/v1/reports/matches?partner={B}"));
        var byHeader = Csv(await _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: B).GetByteArrayAsync("/api/v1/reports/matches"));
        var both = await _factory.ClientWith(MatchmakerFactory.StaffKey, partnerHeader: B).GetAsync($"/api/v1/reports/matches?partner={A}");

        Assert.That(byParameter.Select(r => r["匹配编号"]), Is.EqualTo(new[] { _ofB }));
        Assert.That(byHeader.Select(r => r["匹配编号"]), Is.EqualTo(new[] { _ofB }));
        Assert.That(both.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the two may not differ");
    }

    // Each case: a filter, and the matches it keeps (of solved, declined, proposed, B's).
    [TestCase("status=declined", "declined", TestName = "Filters_by_the_match_status")]
    [TestCase("industry=家纺", "solved,proposed,ofB", TestName = "Filters_by_the_problems_industry_exactly")]
    [TestCase("region=余杭", "solved,proposed", TestName = "Filters_by_part_of_the_problems_region")]
    [TestCase("region=%25", "", TestName = "A_percent_sign_in_the_region_is_text_not_a_wildcard")]
    [TestCase("industry=家纺&region=德清&status=contacted", "ofB", TestName = "Combines_filters")]
    [TestCase("from=2000-01-01&to=2999-12-31", "solved,declined,proposed,ofB", TestName = "Dates_around_today_keep_every_match")]
    [TestCase("to=2000-01-01", "", TestName = "A_day_before_every_match_keeps_none")]
    public async Task Filters_keep_the_matches_they_name(string query, string expected)
    {
        var names = new Dictionary<string, string> { [_solved] = "solved", [_declined] = "declined", [_proposed] = "proposed", [_ofB] = "ofB" };

        var rows = Csv(await _staff.GetByteArrayAsync("/api/v1/reports/matches?" + query));

        Assert.That(string.Join(",", rows.Select(r => names[r["匹配编号"]])), Is.EqualTo(expected));
    }

    [Test]
    public async Task Today_in_China_is_both_ends_of_a_one_day_range()
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var rows = Csv(await _staff.GetByteArrayAsync($"/api/v1/reports/matches?from={today}&to={today}"));

        Assert.That(rows, Has.Count.EqualTo(4), "every match was proposed today");
    }

    // Each case: a malformed value, and the parameter the 400 must name.
    [TestCase("format=pdf", "format", TestName = "Rejects_an_unknown_format")]
    [TestCase("lang=fr", "lang", TestName = "Rejects_an_unknown_language")]
    [TestCase("from=2026-13-01", "from", TestName = "Rejects_a_month_that_does_not_exist")]
    [TestCase("to=01/04/2026", "to", TestName = "Rejects_a_date_not_written_yyyy_MM_dd")]
    [TestCase("from=0001-01-01", "from", TestName = "Rejects_a_year_whose_midnight_in_China_is_before_the_calendar")]
    [TestCase("from=2026-05-01&to=2026-04-01", "to", TestName = "Rejects_a_range_that_ends_before_it_starts")]
    [TestCase("status=lost", "status", TestName = "Rejects_an_unknown_status")]
    [TestCase("status=3", "status", TestName = "Rejects_a_status_given_as_a_number")]
    [TestCase("partner=a%20b", "partner", TestName = "Rejects_a_partner_that_is_not_an_id")]
    public async Task Malformed_parameters_are_answered_400_naming_the_parameter(string query, string field)
    {
        var response = await _staff.GetAsync("/api/v1/reports/matches?" + query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }));
    }

    [Test]
    public void The_command_line_writes_the_same_export_and_exits_2_on_bad_usage()
    {
        var database = _factory.TestDatabase.CommandLine;
        var file = Path.Combine(Path.GetTempPath(), $"matches-{Guid.NewGuid():N}.xlsx");

        var (help, usage, _) = CommandLine.Run("report", "matches", "--help");
        var (written, _, summary) = CommandLine.Run(["report", "matches", "--format", "xlsx", "--out", file, "--partner", A, "--lang", "en", .. database]);
        var (printed, csv, _) = CommandLine.Run(["report", "matches", "--status", "declined", .. database]);
        var (badDate, _, reason) = CommandLine.Run(["report", "matches", "--from", "2026-02-30", .. database]);
        var (unknown, _, _) = CommandLine.Run(["report", "matches", "--frobnicate", .. database]);
        List<IDictionary<string, object?>> rows;
        using (var xlsx = File.OpenRead(file)) rows = MiniExcel.Query(xlsx, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        File.Delete(file);

        Assert.Multiple(() =>
        {
            Assert.That(help, Is.Zero);
            Assert.That(usage, Does.Contain("--format").And.Contain("--partner"));
            Assert.That(written, Is.Zero, summary);
            Assert.That(summary, Does.Contain("3 matches written"));
            Assert.That(rows.Select(r => r["Match ID"]), Is.EqualTo(new[] { _solved, _declined, _proposed }), "--partner: that partner's only");
            Assert.That(printed, Is.Zero);
            Assert.That(Csv(System.Text.Encoding.UTF8.GetBytes(csv)).Select(r => r["匹配编号"]), Is.EqualTo(new[] { _declined }), "CSV on the standard output");
            Assert.That(badDate, Is.EqualTo(2));
            Assert.That(reason, Does.Contain("from: must be a date"));
            Assert.That(unknown, Is.EqualTo(2));
        });
    }

    private static async Task Ok(Task<HttpResponseMessage> call) => (await call).EnsureSuccessStatusCode();

    private static async Task<string> MatchAsync(HttpClient partner, string problem, string expert, params object[] events)
    {
        var match = await partner.PostAsJsonAsync("/api/v1/matches", new { problemId = problem, expertId = expert });
        var id = (await match.EnsureSuccessStatusCode().JsonAsync()).GetProperty("id").GetString()!;
        foreach (var step in events) await Ok(partner.PostAsJsonAsync($"/api/v1/matches/{id}/events", step));
        return id;
    }

    /// <summary>The records of a CSV file, each by its header's labels.</summary>
    private static List<Dictionary<string, string>> Csv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(i => reader.Headers[i], reader.GetString));
        Assert.That(reader.Headers, Has.Count.EqualTo(30), "the header, even without rows");
        return rows;
    }
}
