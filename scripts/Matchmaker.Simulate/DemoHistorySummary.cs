using System.Text.Json;
using Matchmaker.Core.Campaigns;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Imports;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Storage;

namespace Matchmaker.Simulate;

/// <summary>
/// The demo history's figures as an association's yearly report gives them (visits, enterprises served, problems
/// solved, societies engaged, added profit, patents, standards), with what the learned ranker and the campaigns
/// will find in it (finished matches, experts full this quarter).
/// </summary>
public sealed record DemoHistorySummary(
    int Matches, IReadOnlyDictionary<string, int> ByStatus, int Finished, int Visits, int Solved, int EnterprisesServed, int SocietiesEngaged,
    decimal ProfitAddedYuan, int Patents, int Standards, int Awards, int Projects, IReadOnlyDictionary<string, int> ProblemsByStatus,
    int ExpertsFull, int Experts)
{
    public static DemoHistorySummary Of(IReadOnlyList<HistoricMatch> matches, IReadOnlyDictionary<string, ProblemStatus> statuses,
        IReadOnlyDictionary<string, Expert> experts, IReadOnlyDictionary<string, Problem> problems, DateTimeOffset end)
    {
        static MatchStatus Last(HistoricMatch m) => m.Events.Count == 0 ? MatchStatus.Proposed : m.Events[^1].Status;
        var events = matches.SelectMany(m => m.Events.Select(e => (Match: m, Event: e))).ToList();
        var visited = events.Where(x => x.Event.Status == MatchStatus.Visited).Select(x => x.Match).ToList();
        var quarter = ExpertLoadStore.QuarterStart(end.AddTicks(-1));
        var loads = matches.Where(m => !MatchLifecycle.IsFinal(Last(m)) || (Last(m) is MatchStatus.Solved or MatchStatus.Unsolved && m.CreatedAt >= quarter))
            .GroupBy(m => m.ExpertId).ToDictionary(g => g.Key, g => g.Count());
        return new DemoHistorySummary(
            matches.Count,
            matches.GroupBy(m => Name(Last(m))).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            // What the learned ranker grades: final, and not withdrawn before anyone was contacted.
            matches.Count(m => MatchLifecycle.IsFinal(Last(m)) && !(Last(m) == MatchStatus.Withdrawn && m.Events.Count == 1)),
            visited.Count,
            events.Count(x => x.Event.Status == MatchStatus.Solved),
            visited.Select(m => problems[m.ProblemId].EnterpriseId).Distinct().Count(),
            visited.SelectMany(m => experts[m.ExpertId].Societies).Distinct().Count(),
            events.Sum(x => x.Event.ProfitAddedYuan ?? 0),
            events.Sum(x => x.Event.Patents ?? 0), events.Sum(x => x.Event.Standards ?? 0), events.Sum(x => x.Event.Awards ?? 0),
            events.Sum(x => x.Event.Projects ?? 0),
            statuses.Values.GroupBy(Name).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            experts.Values.Count(e => loads.GetValueOrDefault(e.Id) >= e.Capacity), experts.Count);
    }

    /// <summary>A status as the API writes it (proposed, solved, …).</summary>
    internal static string Name<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, MatchmakerJson.Options).Trim('"');

    public override string ToString() => $"""
        {Matches} matches: {string.Join(", ", ByStatus.Select(p => $"{p.Key} {p.Value}"))}; {Finished} finished (what the learned ranker grades)
        {Visits} expert visits to {EnterprisesServed} enterprises, experts of {SocietiesEngaged} societies; {Solved} solved
        added profit {ProfitAddedYuan / 10_000m:N0} 万元; {Patents} patents, {Standards} standards, {Awards} awards, {Projects} projects
        problems: {string.Join(", ", ProblemsByStatus.Select(p => $"{p.Key} {p.Value}"))}
        experts full at the end (this quarter): {ExpertsFull} of {Experts}
        """;
}
