using Dapper;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Reports;

/// <summary>
/// Computes KPI reports from the matches, their events and the problems. Every figure is counted by the time of its
/// own event within the period (China time): a problem is posted by its <c>postedAt</c>, matched by its first match
/// created, contacted, visited and solved by events of those statuses; a step counts a problem once, however many of
/// its matches took it. The facts are read in four queries and tallied here, once for the totals and once per key of
/// each breakdown.
/// </summary>
public sealed class KpiStore(Database database, TimeProvider clock)
{
    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Posted => """
            SELECT tenant_id, id, region, industry, posted_at FROM problems
            WHERE posted_at >= @from AND posted_at < @to AND (@tenant IS NULL OR tenant_id = @tenant)
            """;

        public string Matches => """
            SELECT m.id, m.tenant_id, m.problem_id, m.expert_id, m.created_at, p.region, p.industry, p.enterprise_id, p.posted_at
            FROM matches m JOIN problems p ON p.tenant_id = m.tenant_id AND p.id = m.problem_id
            WHERE m.created_at < @to AND (@tenant IS NULL OR m.tenant_id = @tenant)
            """;

        // The period's events, and the earlier contacts and solutions: a problem's first contact or solution counts
        // in the period only if it is not before it.
        // (Every partner's: those of matches the report does not take are skipped as they are read, which costs less
        // than a join to the matches.)
        public string Events => """
            SELECT match_id, status, occurred_at, profit_added_yuan, patents, standards, awards, projects FROM match_events
            WHERE occurred_at < @to AND (occurred_at >= @from OR status IN ('contacted', 'solved'))
            """;

        public string Experts => "SELECT id, kind, societies FROM experts";
    }

    private readonly Sql _sql = new(database.Dialect);

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public Task<KpiReport> ReportAsync(KpiQuery query) => database.ReadAsync(async connection =>
    {
        var from = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), China);
        var to = new DateTimeOffset(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue), China);
        var parameters = new { from = database.Time(from), to = database.Time(to), tenant = query.Partner };
        var tallies = new Tallies(query);

        bool ProblemTaken(string? region, string? industry) =>
            (query.Region is null || (region?.Contains(query.Region, StringComparison.Ordinal) ?? false))
            && (query.Industry is null || string.Equals(industry, query.Industry, StringComparison.Ordinal));
        bool InPeriod(DateTimeOffset time) => time >= from && time < to;

        var experts = new Dictionary<string, ExpertInfo>(StringComparer.Ordinal);
        var societyKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        var expertKind = query.ExpertKind is { } kind ? EnumColumn.Write(kind) : null;
        foreach (var row in await connection.QueryAsync<ExpertRow>(_sql.Experts))
        {
            var societies = JsonColumn.Read(row.Societies).ToArray();
            experts[row.Id] = new ExpertInfo(experts.Count, row.Kind, societies,
                (expertKind is null || row.Kind == expertKind) && (query.Society is null || societies.Contains(query.Society, StringComparer.Ordinal)))
            {
                SocietyKeys = societies.Select(s => societyKeys.TryGetValue(s, out var k) ? k : societyKeys[s] = societyKeys.Count).ToArray(),
            };
        }

        // Problems and enterprises are counted by number: a key per (partner, id).
        var problems = new Dictionary<(string, string), int>();
        int ProblemKey(string tenant, string id) => problems.TryGetValue((tenant, id), out var key) ? key : problems[(tenant, id)] = problems.Count;
        var enterprises = new Dictionary<(string, string), int>();

        await using (var reader = await connection.ExecuteReaderAsync(_sql.Posted, parameters))
            while (await reader.ReadAsync())
            {
                var (tenant, region, industry) = (reader.GetString(0), Text(reader, 2), Text(reader, 3));
                if (!ProblemTaken(region, industry)) continue;
                var problem = ProblemKey(tenant, reader.GetString(1));
                foreach (var tally in tallies.Of(tenant, region, industry)) tally.Posted(problem);
                tallies.MonthOf(Time(reader, 4))?.Posted(problem);
            }

        var matches = new Dictionary<string, MatchInfo>(StringComparer.Ordinal);
        await using (var reader = await connection.ExecuteReaderAsync(_sql.Matches, parameters))
            while (await reader.ReadAsync())
            {
                var (tenant, region, industry) = (reader.GetString(1), Text(reader, 5), Text(reader, 6));
                var expert = experts.GetValueOrDefault(reader.GetString(3));
                if (!ProblemTaken(region, industry) || expert is not { Taken: true }) continue;
                var enterprise = Text(reader, 7) is { } e ? enterprises.TryGetValue((tenant, e), out var k) ? k : enterprises[(tenant, e)] = enterprises.Count : -1;
                matches[reader.GetString(0)] = new MatchInfo(tenant, ProblemKey(tenant, reader.GetString(2)), region, industry, expert, enterprise,
                    Time(reader, 4), reader.IsDBNull(8) ? null : Time(reader, 8));
            }

        // A problem is matched when its first match (of those the filters take) is created.
        foreach (var first in matches.Values.GroupBy(m => m.Problem).Select(g => g.MinBy(m => m.CreatedAt)!))
            if (InPeriod(first.CreatedAt))
            {
                foreach (var tally in tallies.Of(first)) tally.Matched(first.Problem);
                tallies.MonthOf(first.CreatedAt)?.Matched(first.Problem);
            }

        var firstContact = new Dictionary<int, (DateTimeOffset Time, MatchInfo Match)>();
        var firstSolved = new Dictionary<int, (DateTimeOffset Time, MatchInfo Match)>();
        await using (var reader = await connection.ExecuteReaderAsync(_sql.Events, parameters))
            while (await reader.ReadAsync())
            {
                if (!matches.TryGetValue(reader.GetString(0), out var m)) continue;
                var status = reader.GetString(1);
                var time = Time(reader, 2);
                var firsts = status == "contacted" ? firstContact : status == "solved" ? firstSolved : null;
                if (firsts is not null && (!firsts.TryGetValue(m.Problem, out var seen) || time < seen.Time)) firsts[m.Problem] = (time, m);
                if (!InPeriod(time)) continue;
                var outcome = new Outcome(Number(reader, 3), (int)Number(reader, 4), (int)Number(reader, 5), (int)Number(reader, 6), (int)Number(reader, 7));
                var step = status switch { "contacted" => 1, "visited" => 2, "solved" => 3, _ => 0 };
                foreach (var tally in tallies.Of(m)) tally.Event(step, m, outcome);
                tallies.MonthOf(time)?.Event(step, m, outcome);
            }
        foreach (var (firsts, contact) in new[] { (firstContact, true), (firstSolved, false) })
            foreach (var (time, m) in firsts.Values)
                if (InPeriod(time) && m.PostedAt is { } posted)
                {
                    var days = Math.Max(0, (time - posted).TotalDays);
                    foreach (var tally in tallies.Of(m)) tally.Days(contact, days);
                    tallies.MonthOf(time)?.Days(contact, days);
                }

        return tallies.Report(clock.GetUtcNow());
    });

    private static string? Text(System.Data.Common.DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static decimal Number(System.Data.Common.DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? 0 : Convert.ToDecimal(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);

    // SQLite keeps times as text in one format (SqlDialect.Time), read here without the general parser (a KPI report
    // reads hundreds of thousands of them); SQL Server hands back a DATETIMEOFFSET.
    private static DateTimeOffset Time(System.Data.Common.DbDataReader reader, int column)
    {
        if (reader.GetFieldType(column) != typeof(string)) return reader.GetFieldValue<DateTimeOffset>(column);
        var text = reader.GetString(column);
        if (text.Length != 28 || text[10] != 'T' || text[27] != 'Z')
            return DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        static int Digits(string s, int at, int count)
        {
            var value = 0;
            for (var i = at; i < at + count; i++) value = value * 10 + (s[i] - '0');
            return value;
        }
        return new DateTimeOffset(new DateTime(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2), Digits(text, 11, 2), Digits(text, 14, 2),
            Digits(text, 17, 2), DateTimeKind.Utc).AddTicks(Digits(text, 20, 7)));
    }

    private sealed record ExpertInfo(int Index, string Kind, string[] Societies, bool Taken)
    {
        /// <summary>The societies by number (counted in sets of numbers rather than of names).</summary>
        public int[] SocietyKeys { get; init; } = [];
    }

    private sealed record MatchInfo(string Tenant, int Problem, string? Region, string? Industry, ExpertInfo Expert, int Enterprise,
        DateTimeOffset CreatedAt, DateTimeOffset? PostedAt)
    {
        /// <summary>The tallies of the totals and the breakdowns this match's facts go to (the month is added per fact).</summary>
        public Tally[]? Keyed { get; set; }
    }

    private readonly record struct Outcome(decimal Profit, int Patents, int Standards, int Awards, int Projects);

    // The totals, the breakdowns and the months, and which of them a fact goes to.
    private sealed class Tallies(KpiQuery query)
    {
        public const string None = "(none)";

        private readonly Tally _totals = new();
        private readonly Dictionary<string, Dictionary<string, Tally>> _breakdowns =
            KpiReport.Dimensions.ToDictionary(d => d, _ => new Dictionary<string, Tally>(StringComparer.Ordinal));
        private readonly int _firstMonth = query.From.Year * 12 + query.From.Month - 1;
        private readonly Tally[] _months = Enumerable.Range(0, (query.To.Year * 12 + query.To.Month) - (query.From.Year * 12 + query.From.Month) + 1)
            .Select(_ => new Tally()).ToArray();

        private Tally Of(string dimension, string key)
        {
            var rows = _breakdowns[dimension];
            return rows.TryGetValue(key, out var tally) ? tally : rows[key] = new Tally();
        }

        /// <summary>The month's tally of a fact at <paramref name="time"/> (China time), or null outside the period.</summary>
        public Tally? MonthOf(DateTimeOffset time)
        {
            var china = time.ToOffset(China);
            var index = china.Year * 12 + china.Month - 1 - _firstMonth;
            return index >= 0 && index < _months.Length ? _months[index] : null;
        }

        /// <summary>A posted problem's: it has no expert, so it counts under no society and no kind.</summary>
        public Tally[] Of(string tenant, string? region, string? industry) =>
            [_totals, Of("region", region ?? None), Of("industry", industry ?? None), Of("partner", tenant)];

        /// <summary>A match's: the problem's region and industry, the partner, the expert's kind and each of their societies.</summary>
        public Tally[] Of(MatchInfo match) => match.Keyed ??=
        [
            _totals, Of("region", match.Region ?? None), Of("industry", match.Industry ?? None), Of("partner", match.Tenant),
            Of("expertKind", match.Expert.Kind), .. match.Expert.Societies.Select(s => Of("society", s)),
        ];

        public KpiReport Report(DateTimeOffset generatedAt) => new(query, generatedAt, _totals.Figures(),
            _breakdowns.ToDictionary(b => b.Key, b => (IReadOnlyList<KpiRow>)b.Value.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new KpiRow(r.Key, r.Value.Figures())).ToList()),
            _months.Select((t, i) => new KpiRow(new DateOnly((_firstMonth + i) / 12, (_firstMonth + i) % 12 + 1, 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), t.Figures()))
                .ToList());
    }

    // The sets and sums behind one row of figures.
    private sealed class Tally
    {
        private readonly HashSet<int> _posted = [], _matched = [], _contacted = [], _visited = [], _solved = [], _experts = [], _enterprises = [];
        private readonly HashSet<int> _societies = [];
        private readonly List<double> _toContact = [], _toSolved = [];
        private int _visits, _patents, _standards, _awards, _projects;
        private decimal _profit;

        public void Posted(int problem) => _posted.Add(problem);
        public void Matched(int problem) => _matched.Add(problem);

        /// <summary>An event of the period: its step (1 contacted, 2 visited, 3 solved, 0 another) and the figures recorded with it.</summary>
        public void Event(int step, MatchInfo match, Outcome outcome)
        {
            switch (step)
            {
                case 1: _contacted.Add(match.Problem); break;
                case 3: _solved.Add(match.Problem); break;
                case 2:
                    _visited.Add(match.Problem);
                    _visits++;
                    _experts.Add(match.Expert.Index);
                    foreach (var society in match.Expert.SocietyKeys) _societies.Add(society);
                    if (match.Enterprise >= 0) _enterprises.Add(match.Enterprise);
                    break;
            }
            if (outcome == default) return;
            _profit += outcome.Profit;
            _patents += outcome.Patents;
            _standards += outcome.Standards;
            _awards += outcome.Awards;
            _projects += outcome.Projects;
        }

        public void Days(bool toContact, double days) => (toContact ? _toContact : _toSolved).Add(days);

        public KpiFigures Figures() => new(
            _societies.Count, _experts.Count, _visits, _enterprises.Count,
            _posted.Count, _matched.Count, _contacted.Count, _visited.Count, _solved.Count,
            Rate(_matched.Count, _posted.Count), Rate(_contacted.Count, _matched.Count), Rate(_visited.Count, _contacted.Count), Rate(_solved.Count, _visited.Count),
            _profit, _patents, _standards, _awards, _projects, Median(_toContact), Median(_toSolved));

        private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

        private static double? Median(List<double> values)
        {
            if (values.Count == 0) return null;
            values.Sort();
            var middle = values.Count / 2;
            return Math.Round(values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2, 1);
        }
    }

    private sealed class ExpertRow
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Societies { get; init; } = "[]";
    }
}
