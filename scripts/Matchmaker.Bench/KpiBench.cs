using System.Diagnostics;
using Dapper;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Reports;
using Matchmaker.Core.Storage;

namespace Matchmaker.Bench;

/// <summary>
/// Issue 14's target for the KPI report: over 100,000 matches (with their events) it answers in under 1 s. Writes a
/// SQLite file with 5,000 experts, 20,000 problems and the matches, each with the events of a plausible path through
/// the lifecycle over the past year, then times <see cref="KpiStore.ReportAsync"/> for the last 12 months, cold and warm,
/// with and without a filter.
/// </summary>
internal static class KpiBench
{
    public static async Task<int> RunAsync(int matches)
    {
        var file = Path.Combine(Path.GetTempPath(), $"matchmaker-kpi-{Environment.ProcessId}.db");
        try
        {
            Console.WriteLine($"load average at start: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?")}");
            var database = new Database($"Data Source={file}");
            await database.MigrateAsync();
            var watch = Stopwatch.StartNew();
            var events = await FillAsync(database, matches);
            Console.WriteLine($"wrote {matches:N0} matches with {events:N0} events over 20,000 problems and 5,000 experts in {watch.Elapsed.TotalSeconds:F1} s");

            var kpis = new KpiStore(database, TimeProvider.System);
            var to = Ranker.ChinaDay(DateTimeOffset.UtcNow);
            var year = new KpiQuery(to.AddYears(-1).AddDays(1), to);
            foreach (var (name, query) in new[] { ("the last 12 months, all partners", year), ("the same, society 浙江省机械工程学会", year with { Society = "浙江省机械工程学会" }) })
            {
                var timings = new List<double>();
                var cpu = new List<double>();
                KpiReport? report = null;
                for (var i = 0; i < 6; i++)
                {
                    var processor = Process.GetCurrentProcess().TotalProcessorTime;
                    var one = Stopwatch.StartNew();
                    report = await kpis.ReportAsync(query);
                    timings.Add(one.Elapsed.TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - processor).TotalMilliseconds);
                }
                var warm = timings.Skip(1).Order().ToList();
                var warmCpu = cpu.Skip(1).Order().ToList();
                var t = report!.Totals;
                Console.WriteLine($"KPI report, {name}: first {timings[0]:F0} ms, then median {warm[warm.Count / 2]:F0} ms ({warmCpu[warmCpu.Count / 2]:F0} ms of CPU), worst {warm[^1]:F0} ms (target < 1,000 ms); " +
                    $"{t.ExpertVisits:N0} visits, {t.ProblemsSolved:N0} problems solved, {t.ProfitAddedYuan:N0} yuan, {report.Monthly.Count} months");
            }
            Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MB; {Environment.ProcessorCount} cores");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
    }

    // Rows written straight into the tables (a benchmark's fixture; the API writes them through the stores).
    private static async Task<int> FillAsync(Database database, int matches)
    {
        var random = new Random(20261203);
        string[] societies = ["浙江省机械工程学会", "浙江省纺织工程学会", "中国生物医药学会", "湖州市农学会", "浙江省测绘与地理信息学会", "中国航空学会"];
        string[] kinds = ["academician", "societyExpert", "overseasTalent", "engineer"];
        string[] regions = ["湖州市德清县", "杭州市余杭区", "杭州市临平区", "湖州市吴兴区"];
        string[] industries = ["智能制造", "家纺", "生物医药", "地理信息", "航空航天", "梨产业"];
        var now = DateTimeOffset.UtcNow;
        var events = 0;
        await using var connection = await database.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO experts (id, name, kind, societies, capacity, available, updated_at)
            VALUES (@id, @id, @kind, @societies, 3, 1, @now)
            """, Enumerable.Range(0, 5000).Select(i => new
        {
            id = $"E-{i:D5}", kind = kinds[i % kinds.Length], now = database.Time(now),
            societies = $"[\"{societies[i % societies.Length]}\",\"{societies[(i / 7) % societies.Length]}\"]",
        }), tx);
        await connection.ExecuteAsync("INSERT INTO enterprises (tenant_id, id, name, updated_at) VALUES (@tenant, @id, @id, @now)",
            Enumerable.Range(0, 2000).Select(i => new { tenant = i % 4 == 0 ? "partner-b" : "default", id = $"C-{i:D5}", now = database.Time(now) }), tx);
        var posted = new DateTimeOffset[20_000];
        await connection.ExecuteAsync("""
            INSERT INTO problems (tenant_id, id, enterprise_id, title, industry, region, urgency, status, posted_at, updated_at)
            VALUES (@tenant, @id, @enterprise, @id, @industry, @region, 'medium', 'open', @posted, @now)
            """, Enumerable.Range(0, 20_000).Select(i =>
        {
            posted[i] = now.AddDays(-random.Next(30, 420));
            var enterprise = i % 2000;
            return new
            {
                tenant = enterprise % 4 == 0 ? "partner-b" : "default", id = $"P-{i:D5}", enterprise = $"C-{enterprise:D5}",
                industry = industries[i % industries.Length], region = regions[i % regions.Length], posted = database.Time(posted[i]), now = database.Time(now),
            };
        }), tx);
        var matchRows = new List<object>(matches);
        var eventRows = new List<object>(matches * 4);
        var pairs = new HashSet<(int, int)>();
        while (matchRows.Count < matches)
        {
            var problem = random.Next(20_000);
            var expert = random.Next(5000);
            if (!pairs.Add((problem, expert))) continue;
            var id = $"M-{matchRows.Count:D6}";
            var time = posted[problem].AddDays(random.Next(1, 20));
            var enterprise = problem % 2000;
            string[] path = random.Next(10) switch
            {
                0 => ["contacted", "declined"],
                1 => ["withdrawn"],
                < 5 => ["contacted", "accepted", "visited", "unsolved"],
                _ => ["contacted", "accepted", "visited", "solved"],
            };
            var status = path[^1];
            matchRows.Add(new { id, tenant = enterprise % 4 == 0 ? "partner-b" : "default", problem = $"P-{problem:D5}", expert = $"E-{expert:D5}", status, created = database.Time(time) });
            foreach (var step in path)
            {
                time = time.AddDays(random.Next(1, 15));
                var solved = step == "solved";
                eventRows.Add(new
                {
                    match = id, step, at = database.Time(time < now ? time : now), profit = solved ? random.Next(0, 2_000_000) : (int?)null,
                    patents = solved && random.Next(5) == 0 ? 1 : (int?)null, standards = solved && random.Next(20) == 0 ? 1 : (int?)null,
                });
            }
        }
        await connection.ExecuteAsync("""
            INSERT INTO matches (id, tenant_id, problem_id, expert_id, status, score, created_at, updated_at)
            VALUES (@id, @tenant, @problem, @expert, @status, 0.5, @created, @created)
            """, matchRows, tx);
        events = eventRows.Count;
        await connection.ExecuteAsync("""
            INSERT INTO match_events (match_id, status, occurred_at, recorded_at, profit_added_yuan, patents, standards)
            VALUES (@match, @step, @at, @at, @profit, @patents, @standards)
            """, eventRows, tx);
        await tx.CommitAsync();
        return events;
    }
}
