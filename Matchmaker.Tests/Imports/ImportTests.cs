using System.Net;
using System.Text;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Imports;
using Matchmaker.Core.Problems;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Imports;

public class ImportTests : FreshApiTest
{
    [Test]
    public async Task Keeps_good_lines_and_reports_bad_ones_with_line_number_and_field()
    {
        var response = await Client.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-1","name":"陈立新","kind":"societyExpert","fields":["纺织涂层"]}""",
            """{"id":"E-2","name":"王敏","kind":"professor"}""",       // unknown kind
            """{"id":"E-3","name":"李华","colour":"blue"}""",           // unknown field
            """{"id":"E-4"}""",                                          // name missing
            "{not json",                                                 // broken JSON
            "",                                                          // blank lines are skipped, not errors
            """{"id":"E-5","name":"Anna Berg","kind":"overseasTalent","works":[{"kind":"paper","title":"Textile coatings","year":1700}]}""",
            """{"id":"E-6","name":"赵强","capacity":"three"}""",         // wrong type
            """{"id":"E-7","name":"周宁","kind":"engineer","works":[{"kind":"patent","title":"一种注塑模具冷却水路","keywords":["注塑模具"],"year":2021}]}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var report = await response.ReadAsync<ImportReport>();
        Assert.That(report.Received, Is.EqualTo(8));
        Assert.That(report.Created, Is.EqualTo(2));
        Assert.That(report.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[]
        {
            (2, "kind"), (3, "colour"), (4, "name"), (5, ""), (7, "works[0].year"), (8, "capacity"),
        }));
        Assert.That(report.Errors.Single(e => e.Line == 7).Id, Is.EqualTo("E-5"));
        Assert.That(report.Errors.Single(e => e.Line == 4).Id, Is.EqualTo("E-4"), "the id is reported even when the line did not bind");
        Assert.That((await Client.GetAsync("/api/v1/experts/E-1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Client.GetAsync("/api/v1/experts/E-7")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Client.GetAsync("/api/v1/experts/E-2")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Reports_invalid_utf8_as_a_line_error()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"E-1","name":"ok"}""" + "\n")
            .Concat(new byte[] { (byte)'{', (byte)'"', (byte)'i', (byte)'d', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' })
            .ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-ndjson");

        var report = await (await Client.PostAsync("/api/v1/experts/import", content)).ReadAsync<ImportReport>();

        Assert.That(report.Created, Is.EqualTo(1));
        Assert.That(report.Errors.Single().Line, Is.EqualTo(2));
    }

    [Test]
    public async Task Survives_a_thousand_mangled_lines_and_accounts_for_every_one()
    {
        var valid = Encoding.UTF8.GetBytes("""{"id":"E-1","name":"陈立新","kind":"societyExpert","fields":["纺织涂层"],"works":[{"kind":"paper","title":"遮光涂层","keywords":["涂层"],"year":2022}],"capacity":3,"available":true}""");
        var random = new Random(7);
        var lines = new List<byte[]>();
        for (var i = 0; i < 1000; i++)
        {
            var line = (byte[])valid.Clone();
            switch (i % 4)
            {
                case 0: line[random.Next(line.Length)] = (byte)random.Next(256); break;              // one random byte
                case 1: line = line[..random.Next(1, line.Length)]; break;                           // truncated
                case 2: for (var k = 0; k < 5; k++) line[random.Next(line.Length)] = (byte)random.Next(0x80, 0x100); break; // stray high bytes
                default: line = line.Where(b => b != (byte)'\n').Select(b => random.Next(20) == 0 ? (byte)'"' : b).ToArray(); break;
            }
            lines.Add(line.Where(b => b != (byte)'\n').ToArray());
        }
        var content = new ByteArrayContent(lines.SelectMany(l => l.Append((byte)'\n')).ToArray());
        content.Headers.ContentType = new("application/x-ndjson");

        var response = await Client.PostAsync("/api/v1/experts/import", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var report = await response.ReadAsync<ImportReport>();
        Assert.That(report.Created + report.Updated + report.Failed, Is.EqualTo(report.Received));
        Assert.That(report.Failed, Is.GreaterThan(500));
    }

    [Test]
    public async Task Upserts_by_the_callers_id()
    {
        await Client.PostLinesAsync("/api/v1/enterprises/import", """{"id":"C-YH-001","name":"杭州某家纺有限公司","industry":"家纺","size":"small"}""");
        var second = await (await Client.PostLinesAsync("/api/v1/enterprises/import",
            """{"id":"C-YH-001","name":"杭州某家纺股份有限公司","industry":"家纺","size":"medium"}""")).ReadAsync<ImportReport>();

        Assert.That((second.Created, second.Updated), Is.EqualTo((0, 1)));
        var stored = await (await Client.GetAsync("/api/v1/enterprises/C-YH-001")).JsonAsync();
        Assert.That(stored.GetProperty("name").GetString(), Is.EqualTo("杭州某家纺股份有限公司"));
        Assert.That(stored.GetProperty("size").GetString(), Is.EqualTo("medium"));
    }

    [Test]
    public async Task Refuses_problems_whose_enterprise_does_not_exist()
    {
        await Client.PostLinesAsync("/api/v1/enterprises/import", """{"id":"C-1","name":"德清某地信公司"}""");
        var report = await (await Client.PostLinesAsync("/api/v1/problems/import",
            """{"id":"P-1","enterpriseId":"C-1","title":"倾斜摄影建模纹理拉花"}""",
            """{"id":"P-2","enterpriseId":"C-404","title":"北斗高精度定位漂移"}""",
            """{"id":"P-3","description":"梨园土壤板结，想做测土配方施肥"}""",
            """{"id":"P-4","industry":"家纺"}""")).ReadAsync<ImportReport>();

        Assert.That(report.Created, Is.EqualTo(2));
        Assert.That(report.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (2, "enterpriseId"), (4, "title") }));
    }

    [Test]
    public async Task Replays_a_match_history_at_its_own_times_and_refuses_lines_that_the_api_would_refuse()
    {
        await Client.PostLinesAsync("/api/v1/experts/import", """{"id":"E-1","name":"沈知遥","fields":["梨树栽培"]}""");
        await Client.PostLinesAsync("/api/v1/problems/import", """{"id":"P-1","title":"梨园土壤板结"}""", """{"id":"P-2","title":"蜜梨糖度下降"}""");
        var body = Encoding.UTF8.GetBytes(string.Join('\n',
            """{"problemId":"P-1","expertId":"E-1","score":0.42,"createdAt":"2026-03-02T10:00:00+08:00","events":[{"status":"contacted","occurredAt":"2026-03-03T09:00:00+08:00"},{"status":"declined","occurredAt":"2026-03-05T16:00:00+08:00","note":"时间冲突"}]}""",
            """{"problemId":"P-404","expertId":"E-1","createdAt":"2026-03-02T10:00:00+08:00"}""",                                        // unknown problem
            """{"problemId":"P-2","expertId":"E-1","createdAt":"2026-03-02T10:00:00+08:00","events":[{"status":"visited","occurredAt":"2026-03-09T09:00:00+08:00"}]}""", // a step skipped
            """{"problemId":"P-2","expertId":"E-1","createdAt":"2026-03-02T10:00:00+08:00","events":[{"status":"contacted","occurredAt":"2026-03-01T09:00:00+08:00"}]}""", // before the proposal
            """{"problemId":"P-1","expertId":"E-1","createdAt":"2026-04-01T10:00:00+08:00"}"""));                                       // the pair again

        var database = Factory.Database;
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var report = await new MatchHistory(database, new ProblemStore(database), new ExpertStore(database)).ImportAsync("default", body, transaction);
        await transaction.CommitAsync();

        Assert.That(report.Created, Is.EqualTo(1));
        Assert.That(report.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (2, "problemId"), (3, "events[0].status"), (4, "events[0].occurredAt"), (5, "expertId") }));
        var match = (await (await Client.GetAsync("/api/v1/matches?problemId=P-1")).JsonAsync()).GetProperty("items")[0];
        Assert.That(match.GetProperty("status").GetString(), Is.EqualTo("declined"));
        Assert.That(match.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.Parse("2026-03-02T10:00:00+08:00")));
        Assert.That(match.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("recordedAt").GetDateTimeOffset()),
            Is.EqualTo(new[] { DateTimeOffset.Parse("2026-03-03T09:00:00+08:00"), DateTimeOffset.Parse("2026-03-05T16:00:00+08:00") }));
        var ranked = await (await Client.GetAsync("/api/v1/problems/P-1/recommendations?explain=none")).JsonAsync();
        Assert.That(ranked.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("expertId").GetString()), Does.Not.Contain("E-1"),
            "an expert who declined in the history is left out as if the API had recorded it");
    }

    [Test]
    public async Task Refuses_a_body_that_is_not_json_lines()
    {
        var response = await Client.PostAsync("/api/v1/experts/import",
            new StringContent("""{"id":"E-1","name":"x"}""", Encoding.UTF8, "text/csv"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
