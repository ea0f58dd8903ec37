using Matchmaker.Core.Experts;

namespace Matchmaker.Core.Reports;

/// <summary>
/// What a KPI report covers: the days <paramref name="From"/> to <paramref name="To"/> (China time, both included),
/// one partner's records or every partner's (<paramref name="Partner"/> null), and the filters: the problem's region
/// (a part of it) and industry, the expert's society and kind.
/// </summary>
public sealed record KpiQuery(DateOnly From, DateOnly To, string? Partner = null, string? Region = null, string? Industry = null,
    string? Society = null, ExpertKind? ExpertKind = null);

/// <summary>
/// The association's figures for a period, each counted by the time of its event (definitions in the README and the
/// OpenAPI description): the problem funnel (posted, matched, contacted, visited, solved, each with its rate: the
/// share of the step's problems that had reached the next step by the period's end), expert visits (人次: one per match that reached a visit), the distinct experts, societies and
/// enterprises those visits involved, the outcome figures recorded with events, and the median days from posting to
/// the first contact and to the first solution.
/// </summary>
public sealed record KpiFigures(
    int SocietiesEngaged, int DistinctExperts, int ExpertVisits, int EnterprisesServed,
    int ProblemsPosted, int ProblemsMatched, int ProblemsContacted, int ProblemsVisited, int ProblemsSolved,
    double? MatchedRate, double? ContactedRate, double? VisitedRate, double? SolvedRate,
    decimal ProfitAddedYuan, int Patents, int Standards, int Awards, int Projects,
    double? MedianDaysToFirstContact, double? MedianDaysToSolved);

/// <summary>One row of a breakdown: the value of its dimension (a region, a month as yyyy-MM, ...) and its figures.</summary>
public sealed record KpiRow(string Key, KpiFigures Figures);

/// <summary>
/// A KPI report: the totals, a breakdown by each dimension (<c>region</c>, <c>industry</c>, <c>society</c>,
/// <c>expertKind</c>, <c>partner</c>) and the monthly trend (<c>yyyy-MM</c>, China time), every month of the period listed.
/// </summary>
public sealed record KpiReport(KpiQuery Query, DateTimeOffset GeneratedAt, KpiFigures Totals,
    IReadOnlyDictionary<string, IReadOnlyList<KpiRow>> Breakdowns, IReadOnlyList<KpiRow> Monthly)
{
    /// <summary>The dimensions of the breakdowns, in the order reports show them.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["region", "industry", "society", "expertKind", "partner"];
}
