using Dapper;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Reports;

/// <summary>
/// Computes KPI reports from the matches, their events and the problems. Every figure is counted by the time of its
/// own event within the period (China time): a problem is posted by its <c>postedAt</c>, matched by its first match
/// created, contacted, visited and solved by events of those statuses; a step counts a problem once, however many of
/// its matches took it. The facts are read in a few queries (the events on a second connection, in parallel with the
/// rest) and tallied here, once for the totals and once per key of each breakdown, in sets of numbers kept as bits.
/// </summary>
public sealed class KpiStore(Database database, TimeProvider clock)
{
    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        // Every problem of the partner (or all): the posted ones of the period are counted, and matches look their
        // problem up here rather than through a join per match row.
        public string Problems => """
            SELECT tenant_id, id, region, industry, enterprise_id, posted_at FROM problems
            WHERE (@tenant IS NULL OR tenant_id = @tenant)
            """;

        public string Matches => """
            SELECT id, tenant_id, problem_id, expert_id, created_at FROM matches
            WHERE created_at < @to AND (@tenant IS NULL OR tenant_id = @tenant)
            """;

        // How many there are, to size the table they are kept in once (growing it step by step would allocate a
        // large array again and again, and each such array costs a full garbage collection).
        public string MatchCount => "SELECT COUNT(*) FROM matches WHERE created_at < @to AND (@tenant IS NULL OR tenant_id = @tenant)";

        // The events that count: every contact, visit and solution before the period's end (the period's are counted;
        // the earlier ones tell a problem's first contact or solution, and how far a problem had got by the end, for
        // the rates) and every event of the period that recorded an outcome figure. The status comes as its step (1
        // contacted, 2 visited, 3 solved, 0 another) and a flag tells whether any outcome figure was recorded, so that
        // most rows are read in four columns. (Every partner's: those of matches the report does not take are skipped
        // as they are read, which costs less than a join to the matches.)
        public string Events => """
            SELECT match_id,
                   CASE status WHEN 'contacted' THEN 1 WHEN 'visited' THEN 2 WHEN 'solved' THEN 3 ELSE 0 END AS step,
                   occurred_at,
                   CASE WHEN profit_added_yuan IS NULL AND patents IS NULL AND standards IS NULL AND awards IS NULL
                             AND projects IS NULL THEN 0 ELSE 1 END AS has_outcome,
                   profit_added_yuan, patents, standards, awards, projects
            FROM match_events
            WHERE occurred_at < @to
              AND (status IN ('contacted', 'visited', 'solved')
                   OR occurred_at >= @from AND (profit_added_yuan IS NOT NULL OR patents IS NOT NULL
                       OR standards IS NOT NULL OR awards IS NOT NULL OR projects IS NOT NULL))
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
        bool InPeriod(DateTimeOffset time) => time >= from && time < to;
        var text = database.Dialect.Provider == DatabaseProvider.Sqlite;

        // The events are read on a second connection while this one reads the experts, problems and matches (the
        // two halves of the work take about as long, and a machine has two cores or more); they are tallied below
        // once the matches are known.
        var eventsRead = Task.Run(() => ReadEventsAsync(parameters, text));

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

        // The problems the filters take, by partner and id; problems and enterprises are counted by number.
        var problems = new List<ProblemInfo>();
        var problemKeys = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var enterprises = new Dictionary<(string, string), int>();
        await using (var reader = await connection.ExecuteReaderAsync(_sql.Problems, parameters))
            while (await reader.ReadAsync())
            {
                var (tenant, region, industry) = (reader.GetString(0), Text(reader, 2), Text(reader, 3));
                if ((query.Region is not null && !(region?.Contains(query.Region, StringComparison.Ordinal) ?? false))
                    || (query.Industry is not null && !string.Equals(industry, query.Industry, StringComparison.Ordinal))) continue;
                if (!problemKeys.TryGetValue(tenant, out var ofTenant)) problemKeys[tenant] = ofTenant = new Dictionary<string, int>(StringComparer.Ordinal);
                var enterprise = Text(reader, 4) is { } e ? enterprises.TryGetValue((tenant, e), out var k) ? k : enterprises[(tenant, e)] = enterprises.Count : -1;
                var problem = new ProblemInfo(problems.Count, tenant, region, industry, enterprise, reader.IsDBNull(5) ? null : Time(reader, 5, text));
                ofTenant[reader.GetString(1)] = problem.Key;
                problems.Add(problem);
                if (problem.PostedAt is { } posted && InPeriod(posted))
                {
                    foreach (var tally in tallies.Of(problem)) tally.Posted(problem.Key);
                    tallies.MonthOf(posted)?.Posted(problem.Key);
                }
            }

        // The matches the filters take, and each problem's first (when it was matched). A match is a small struct:
        // a report over 100,000 matches keeps them all until it is done, and objects per match would be collected
        // again and again on their way to the oldest generation.
        var matches = new Dictionary<string, MatchFact>(await connection.ExecuteScalarAsync<int>(_sql.MatchCount, parameters), StringComparer.Ordinal);
        var firstMatch = new MatchFact?[problems.Count];
        await using (var reader = await connection.ExecuteReaderAsync(_sql.Matches, parameters))
            while (await reader.ReadAsync())
            {
                if (!problemKeys.TryGetValue(reader.GetString(1), out var ofTenant) || !ofTenant.TryGetValue(reader.GetString(2), out var key)) continue;
                if (experts.GetValueOrDefault(reader.GetString(3)) is not { Taken: true } expert) continue;
                var match = new MatchFact(problems[key], expert, Time(reader, 4, text));
                matches[reader.GetString(0)] = match;
                if (firstMatch[key] is not { } first || match.CreatedAt < first.CreatedAt) firstMatch[key] = match;
            }
        // How far each problem had got by the period's end (matched, contacted, visited, solved), for the rates.
        var reached = new Reached();
        for (var key = 0; key < firstMatch.Length; key++)
            if (firstMatch[key] is not null) reached.Matched.Add(key);
        foreach (var first in firstMatch)
            if (first is { } m && InPeriod(m.CreatedAt))
            {
                foreach (var tally in tallies.Of(m.Problem, m.Expert)) tally.Matched(m.Problem.Key);
                tallies.MonthOf(m.CreatedAt)?.Matched(m.Problem.Key);
            }

        var firstContact = new (DateTimeOffset Time, MatchFact Match)?[problems.Count];
        var firstSolved = new (DateTimeOffset Time, MatchFact Match)?[problems.Count];
        var (events, outcomes) = await eventsRead;
        foreach (var chunk in events)
            foreach (var e in chunk)
            {
                if (e.MatchId is null) break;
                if (!matches.TryGetValue(e.MatchId, out var m)) continue;
                var time = new DateTimeOffset(e.Ticks, TimeSpan.Zero);
                if (e.Step > 0) reached.Step(e.Step).Add(m.Problem.Key);
                var firsts = e.Step == 1 ? firstContact : e.Step == 3 ? firstSolved : null;
                if (firsts is not null && (firsts[m.Problem.Key] is not { } seen || time < seen.Time)) firsts[m.Problem.Key] = (time, m);
                if (!InPeriod(time)) continue;
                Outcome? outcome = e.Outcome < 0 ? null : outcomes[e.Outcome];
                foreach (var tally in tallies.Of(m.Problem, m.Expert)) tally.Event(e.Step, m, outcome);
                tallies.MonthOf(time)?.Event(e.Step, m, outcome);
            }
        foreach (var (firsts, contact) in new[] { (firstContact, true), (firstSolved, false) })
            foreach (var first in firsts)
                if (first is { Time: var time, Match: var m } && InPeriod(time) && m.Problem.PostedAt is { } posted)
                {
                    var days = Math.Max(0, (time - posted).TotalDays);
                    foreach (var tally in tallies.Of(m.Problem, m.Expert)) tally.Days(contact, days);
                    tallies.MonthOf(time)?.Days(contact, days);
                }

        return tallies.Report(clock.GetUtcNow(), reached);
    });

    // The events as read, in chunks (one growing array would be copied into ever larger ones), with the rare outcome
    // figures apart; a chunk's unused tail has a null match id.
    private async Task<(List<EventFact[]> Events, List<Outcome> Outcomes)> ReadEventsAsync(object parameters, bool text)
    {
        const int ChunkSize = 2048; // 48 KB, under the large object heap's threshold
        var (events, outcomes) = (new List<EventFact[]>(), new List<Outcome>());
        await using var connection = await database.OpenAsync();
        await using var reader = await connection.ExecuteReaderAsync(_sql.Events, parameters);
        var (chunk, used) = (Array.Empty<EventFact>(), 0);
        while (await reader.ReadAsync())
        {
            if (used == chunk.Length)
            {
                (chunk, used) = (new EventFact[ChunkSize], 0);
                events.Add(chunk);
            }
            var outcome = -1;
            if (reader.GetInt32(3) != 0)
            {
                outcome = outcomes.Count;
                outcomes.Add(new Outcome(Number(reader, 4), (int)Number(reader, 5), (int)Number(reader, 6), (int)Number(reader, 7), (int)Number(reader, 8)));
            }
            chunk[used++] = new EventFact(reader.GetString(0), reader.GetInt32(1), Time(reader, 2, text).UtcTicks, outcome);
        }
        return (events, outcomes);
    }

    private readonly record struct EventFact(string MatchId, int Step, long Ticks, int Outcome);

    private static string? Text(System.Data.Common.DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static decimal Number(System.Data.Common.DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? 0 : Convert.ToDecimal(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);

    // SQLite keeps times as text (read by their digits); SQL Server hands back a DATETIMEOFFSET.
    private static DateTimeOffset Time(System.Data.Common.DbDataReader reader, int column, bool text) =>
        text ? TimeColumn.ParseText(reader.GetString(column)) : reader.GetFieldValue<DateTimeOffset>(column);

    private sealed record ExpertInfo(int Index, string Kind, string[] Societies, bool Taken)
    {
        /// <summary>The societies by number (counted in sets of numbers rather than of names).</summary>
        public int[] SocietyKeys { get; init; } = [];

        /// <summary>The tallies of the breakdowns by kind and society this expert's matches go to.</summary>
        public Tally[]? Keyed { get; set; }
    }

    private sealed record ProblemInfo(int Key, string Tenant, string? Region, string? Industry, int Enterprise, DateTimeOffset? PostedAt)
    {
        /// <summary>The tallies of the totals and the breakdowns a posting goes to (the month is added per fact).</summary>
        public Tally[]? Keyed { get; set; }
    }

    private readonly record struct MatchFact(ProblemInfo Problem, ExpertInfo Expert, DateTimeOffset CreatedAt);

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

        // The first instant of each month of the period in China, in UTC ticks, and the end of the last.
        private readonly long[] _monthStarts = Enumerable.Range(0, (query.To.Year * 12 + query.To.Month) - (query.From.Year * 12 + query.From.Month) + 2)
            .Select(i => new DateTimeOffset(new DateTime(query.From.Year, query.From.Month, 1).AddMonths(i), China).UtcTicks).ToArray();

        private Tally Of(string dimension, string key)
        {
            var rows = _breakdowns[dimension];
            return rows.TryGetValue(key, out var tally) ? tally : rows[key] = new Tally();
        }

        /// <summary>The month's tally of a fact at <paramref name="time"/> (China time), or null outside the period.</summary>
        public Tally? MonthOf(DateTimeOffset time)
        {
            var ticks = time.UtcTicks;
            if (ticks < _monthStarts[0] || ticks >= _monthStarts[^1]) return null;
            var index = 0;
            while (ticks >= _monthStarts[index + 1]) index++;
            return _months[index];
        }

        /// <summary>A posted problem's: it has no expert, so it counts under no society and no kind.</summary>
        public Tally[] Of(ProblemInfo problem) => problem.Keyed ??=
            [_totals, Of("region", problem.Region ?? None), Of("industry", problem.Industry ?? None), Of("partner", problem.Tenant)];

        /// <summary>A match's: the problem's region and industry, the partner, the expert's kind and each of their societies.</summary>
        public Keyed Of(ProblemInfo problem, ExpertInfo expert) =>
            new(Of(problem), expert.Keyed ??= [Of("expertKind", expert.Kind), .. expert.Societies.Select(s => Of("society", s))]);

        public KpiReport Report(DateTimeOffset generatedAt, Reached reached) => new(query, generatedAt, _totals.Figures(reached),
            _breakdowns.ToDictionary(b => b.Key, b => (IReadOnlyList<KpiRow>)b.Value.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new KpiRow(r.Key, r.Value.Figures(reached))).ToList()),
            _months.Select((t, i) => new KpiRow(new DateOnly((_firstMonth + i) / 12, (_firstMonth + i) % 12 + 1, 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), t.Figures(reached)))
                .ToList());
    }

    // The sets and sums behind one row of figures.
    private sealed class Tally
    {
        private readonly Bits _posted = new(), _matched = new(), _contacted = new(), _visited = new(), _solved = new(), _experts = new(),
            _enterprises = new(), _societies = new();
        private readonly List<double> _toContact = [], _toSolved = [];
        private int _visits, _patents, _standards, _awards, _projects;
        private decimal _profit;

        public void Posted(int problem) => _posted.Add(problem);
        public void Matched(int problem) => _matched.Add(problem);

        /// <summary>An event of the period: its step (1 contacted, 2 visited, 3 solved, 0 another) and the figures recorded with it.</summary>
        public void Event(int step, MatchFact match, Outcome? recorded)
        {
            switch (step)
            {
                case 1: _contacted.Add(match.Problem.Key); break;
                case 3: _solved.Add(match.Problem.Key); break;
                case 2:
                    _visited.Add(match.Problem.Key);
                    _visits++;
                    _experts.Add(match.Expert.Index);
                    foreach (var society in match.Expert.SocietyKeys) _societies.Add(society);
                    if (match.Problem.Enterprise >= 0) _enterprises.Add(match.Problem.Enterprise);
                    break;
            }
            if (recorded is not { } outcome) return;
            _profit += outcome.Profit;
            _patents += outcome.Patents;
            _standards += outcome.Standards;
            _awards += outcome.Awards;
            _projects += outcome.Projects;
        }

        public void Days(bool toContact, double days) => (toContact ? _toContact : _toSolved).Add(days);

        /// <summary>The row's figures; each rate is the share of the problems of a step that had reached the next by the period's end.</summary>
        public KpiFigures Figures(Reached reached) => new(
            _societies.Count, _experts.Count, _visits, _enterprises.Count,
            _posted.Count, _matched.Count, _contacted.Count, _visited.Count, _solved.Count,
            Rate(_posted.CountAlsoIn(reached.Matched), _posted.Count), Rate(_matched.CountAlsoIn(reached.Contacted), _matched.Count),
            Rate(_contacted.CountAlsoIn(reached.Visited), _contacted.Count), Rate(_visited.CountAlsoIn(reached.Solved), _visited.Count),
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

    // The tallies a match's fact goes to: its problem's and its expert's, walked without copying them into one array.
    private readonly struct Keyed(Tally[] problem, Tally[] expert)
    {
        public Enumerator GetEnumerator() => new(problem, expert);

        public struct Enumerator(Tally[] problem, Tally[] expert)
        {
            private int _index = -1;

            public readonly Tally Current => _index < problem.Length ? problem[_index] : expert[_index - problem.Length];

            public bool MoveNext() => ++_index < problem.Length + expert.Length;
        }
    }

    // A set of small numbers (problem, expert, enterprise and society keys are handed out from 0 up) as bits.
    private sealed class Bits
    {
        private ulong[] _words = [];

        public int Count { get; private set; }

        public void Add(int number)
        {
            var word = number >> 6;
            if (word >= _words.Length) Array.Resize(ref _words, Math.Max(word + 1, _words.Length * 2));
            var bit = 1UL << (number & 63);
            if ((_words[word] & bit) != 0) return;
            _words[word] |= bit;
            Count++;
        }

        /// <summary>How many of these numbers <paramref name="other"/> holds too.</summary>
        public int CountAlsoIn(Bits other)
        {
            var count = 0;
            for (var i = 0; i < Math.Min(_words.Length, other._words.Length); i++)
                count += System.Numerics.BitOperations.PopCount(_words[i] & other._words[i]);
            return count;
        }
    }

    // The problems (by key) that had been matched, contacted, visited and solved by the period's end, by the matches
    // the filters take.
    private sealed class Reached
    {
        public Bits Matched { get; } = new();
        public Bits Contacted { get; } = new();
        public Bits Visited { get; } = new();
        public Bits Solved { get; } = new();

        public Bits Step(int step) => step switch { 1 => Contacted, 2 => Visited, _ => Solved };
    }

    private sealed class ExpertRow
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Societies { get; init; } = "[]";
    }
}
