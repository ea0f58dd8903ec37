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
        public string Events => """
            SELECT e.match_id, e.status, e.occurred_at, e.profit_added_yuan, e.patents, e.standards, e.awards, e.projects
            FROM match_events e JOIN matches m ON m.id = e.match_id
            WHERE e.occurred_at < @to AND (e.occurred_at >= @from OR e.status IN ('contacted', 'solved'))
              AND (@tenant IS NULL OR m.tenant_id = @tenant)
            """;

        public string Experts => "SELECT id, kind, societies FROM experts";
    }

    private readonly Sql _sql = new(database.Dialect);

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public async Task<KpiReport> ReportAsync(KpiQuery query)
    {
        var from = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), China);
        var to = new DateTimeOffset(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue), China);
        var parameters = new { from = database.Time(from), to = database.Time(to), tenant = query.Partner };
        var (posted, matches, events, experts) = await database.ReadAsync(async connection => (
            (await connection.QueryAsync<PostedRow>(_sql.Posted, parameters)).ToList(),
            (await connection.QueryAsync<MatchRow>(_sql.Matches, parameters)).ToDictionary(m => m.Id, StringComparer.Ordinal),
            (await connection.QueryAsync<EventRow>(_sql.Events, parameters)).ToList(),
            (await connection.QueryAsync<ExpertRow>(_sql.Experts)).ToDictionary(e => e.Id, StringComparer.Ordinal)));

        bool ProblemTaken(string? region, string? industry) =>
            (query.Region is null || (region?.Contains(query.Region, StringComparison.Ordinal) ?? false))
            && (query.Industry is null || string.Equals(industry, query.Industry, StringComparison.Ordinal));
        bool ExpertTaken(ExpertRow? expert) =>
            (query.ExpertKind is null || expert?.Kind == EnumColumn.Write(query.ExpertKind.Value))
            && (query.Society is null || (expert?.SocietyList.Contains(query.Society, StringComparer.Ordinal) ?? false));
        bool InPeriod(DateTimeOffset time) => time >= from && time < to;

        var facts = new List<Fact>();
        foreach (var p in posted.Where(p => ProblemTaken(p.Region, p.Industry)))
            facts.Add(new Fact(FactKind.Posted, p.TenantId, p.TenantId + "/" + p.Id, p.Region, p.Industry, null, null, p.PostedAt));

        var taken = matches.Values.Where(m => ProblemTaken(m.Region, m.Industry) && ExpertTaken(experts.GetValueOrDefault(m.ExpertId)))
            .ToDictionary(m => m.Id, StringComparer.Ordinal);
        Fact Of(FactKind kind, MatchRow m, DateTimeOffset time) =>
            new(kind, m.TenantId, m.TenantId + "/" + m.ProblemId, m.Region, m.Industry, experts.GetValueOrDefault(m.ExpertId), m, time);

        // A problem is matched when its first match (of those the filters take) is created.
        foreach (var first in taken.Values.GroupBy(m => m.TenantId + "/" + m.ProblemId).Select(g => g.MinBy(m => m.CreatedAt)!))
            if (InPeriod(first.CreatedAt)) facts.Add(Of(FactKind.Matched, first, first.CreatedAt));

        var firstOf = new Dictionary<(string Problem, string Status), (DateTimeOffset Time, MatchRow Match)>();
        foreach (var e in events)
        {
            if (!taken.TryGetValue(e.MatchId, out var m)) continue;
            if (e.Status is "contacted" or "solved")
            {
                var key = (m.TenantId + "/" + m.ProblemId, e.Status);
                if (!firstOf.TryGetValue(key, out var seen) || e.OccurredAt < seen.Time) firstOf[key] = (e.OccurredAt, m);
            }
            if (!InPeriod(e.OccurredAt)) continue;
            var kind = e.Status switch
            {
                "contacted" => FactKind.Contacted,
                "visited" => FactKind.Visited,
                "solved" => FactKind.Solved,
                _ => FactKind.Other,
            };
            facts.Add(Of(kind, m, e.OccurredAt) with { Outcome = e });
        }
        foreach (var ((_, status), (time, m)) in firstOf)
            if (InPeriod(time))
                facts.Add(Of(status == "contacted" ? FactKind.FirstContact : FactKind.FirstSolved, m, time) with
                {
                    Days = m.PostedAt is { } postedAt ? Math.Max(0, (time - postedAt).TotalDays) : null,
                });

        var totals = new Tally();
        var breakdowns = KpiReport.Dimensions.ToDictionary(d => d, _ => new SortedDictionary<string, Tally>(StringComparer.Ordinal));
        var monthly = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        for (var month = new DateOnly(query.From.Year, query.From.Month, 1); month <= query.To; month = month.AddMonths(1))
            monthly[month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)] = new Tally();
        foreach (var fact in facts)
        {
            totals.Add(fact);
            foreach (var dimension in KpiReport.Dimensions)
                foreach (var key in fact.Keys(dimension))
                {
                    if (!breakdowns[dimension].TryGetValue(key, out var tally)) breakdowns[dimension][key] = tally = new Tally();
                    tally.Add(fact);
                }
            var monthKey = fact.Time.ToOffset(China).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            if (monthly.TryGetValue(monthKey, out var inMonth)) inMonth.Add(fact);
        }
        return new KpiReport(query, clock.GetUtcNow(), totals.Figures(),
            breakdowns.ToDictionary(b => b.Key, b => (IReadOnlyList<KpiRow>)b.Value.Select(t => new KpiRow(t.Key, t.Value.Figures())).ToList()),
            monthly.Select(t => new KpiRow(t.Key, t.Value.Figures())).ToList());
    }

    private enum FactKind { Posted, Matched, Contacted, Visited, Solved, FirstContact, FirstSolved, Other }

    private sealed record Fact(FactKind Kind, string Tenant, string Problem, string? Region, string? Industry, ExpertRow? Expert, MatchRow? Match, DateTimeOffset Time)
    {
        public EventRow? Outcome { get; init; }
        public double? Days { get; init; }

        public const string None = "(none)";

        // A fact of a posted problem has no expert: it counts under no society and no kind.
        public IEnumerable<string> Keys(string dimension) => dimension switch
        {
            "region" => [Region ?? None],
            "industry" => [Industry ?? None],
            "partner" => [Tenant],
            "society" => Expert?.SocietyList ?? [],
            _ => Expert is null ? [] : [Expert.Kind],
        };
    }

    // The sets and sums behind one row of figures.
    private sealed class Tally
    {
        private readonly HashSet<string> _posted = new(StringComparer.Ordinal), _matched = new(StringComparer.Ordinal),
            _contacted = new(StringComparer.Ordinal), _visited = new(StringComparer.Ordinal), _solved = new(StringComparer.Ordinal),
            _experts = new(StringComparer.Ordinal), _societies = new(StringComparer.Ordinal), _enterprises = new(StringComparer.Ordinal);
        private readonly List<double> _toContact = [], _toSolved = [];
        private int _visits, _patents, _standards, _awards, _projects;
        private decimal _profit;

        public void Add(Fact fact)
        {
            switch (fact.Kind)
            {
                case FactKind.Posted: _posted.Add(fact.Problem); break;
                case FactKind.Matched: _matched.Add(fact.Problem); break;
                case FactKind.Contacted: _contacted.Add(fact.Problem); break;
                case FactKind.Solved: _solved.Add(fact.Problem); break;
                case FactKind.Visited:
                    _visited.Add(fact.Problem);
                    _visits++;
                    _experts.Add(fact.Match!.ExpertId);
                    _societies.UnionWith(fact.Expert?.SocietyList ?? []);
                    if (fact.Match.EnterpriseId is { } enterprise) _enterprises.Add(fact.Tenant + "/" + enterprise);
                    break;
                case FactKind.FirstContact: if (fact.Days is { } c) _toContact.Add(c); break;
                case FactKind.FirstSolved: if (fact.Days is { } s) _toSolved.Add(s); break;
            }
            if (fact.Outcome is { } e)
            {
                _profit += e.ProfitAddedYuan ?? 0;
                _patents += (int)(e.Patents ?? 0);
                _standards += (int)(e.Standards ?? 0);
                _awards += (int)(e.Awards ?? 0);
                _projects += (int)(e.Projects ?? 0);
            }
        }

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

    private sealed class PostedRow
    {
        public string TenantId { get; init; } = "";
        public string Id { get; init; } = "";
        public string? Region { get; init; }
        public string? Industry { get; init; }
        public DateTimeOffset PostedAt { get; init; }
    }

    private sealed class MatchRow
    {
        public string Id { get; init; } = "";
        public string TenantId { get; init; } = "";
        public string ProblemId { get; init; } = "";
        public string ExpertId { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string? Region { get; init; }
        public string? Industry { get; init; }
        public string? EnterpriseId { get; init; }
        public DateTimeOffset? PostedAt { get; init; }
    }

    private sealed class EventRow
    {
        public string MatchId { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public decimal? ProfitAddedYuan { get; init; }
        public long? Patents { get; init; }
        public long? Standards { get; init; }
        public long? Awards { get; init; }
        public long? Projects { get; init; }
    }

    private sealed class ExpertRow
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Societies { get; init; } = "[]";

        private IReadOnlyList<string>? _list;

        public IReadOnlyList<string> SocietyList => _list ??= JsonColumn.Read(Societies);
    }
}
