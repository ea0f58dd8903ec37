using Matchmaker.Core.Matching;

namespace Matchmaker.Core.Learning;

/// <summary>A stored match as the learner reads it: the pair, when it was proposed, its events, and the problem's industry.</summary>
public sealed record PastMatch(
    string Id, string ProblemId, string ExpertId, string? Industry, int ExpertCapacity, DateTimeOffset CreatedAt,
    IReadOnlyList<MatchEvent> Events)
{
    /// <summary>The furthest step reached (the statuses of the lifecycle up to the outcome), or Proposed.</summary>
    public MatchStatus Furthest(DateTimeOffset? asOf = null)
    {
        var reached = MatchStatus.Proposed;
        foreach (var e in Events)
        {
            if (asOf is { } t && e.RecordedAt > t) break;
            if (Step(e.Status) > Step(reached)) reached = e.Status;
        }
        return reached;
    }

    /// <summary>The status of the latest event recorded by <paramref name="asOf"/> (Proposed before any).</summary>
    public MatchStatus StatusAt(DateTimeOffset asOf) => Events.LastOrDefault(e => e.RecordedAt <= asOf)?.Status ?? MatchStatus.Proposed;

    /// <summary>How far along the lifecycle a status is (contacted 1 … solved 4); declined and withdrawn end a match without moving it further.</summary>
    internal static int Step(MatchStatus status) => status switch
    {
        MatchStatus.Contacted => 1,
        MatchStatus.Accepted => 2,
        MatchStatus.Visited or MatchStatus.Unsolved => 3,
        MatchStatus.Solved => 4,
        _ => 0,
    };
}

/// <summary>
/// What recorded outcomes teach: the grade of a finished match, and the history features of an expert at the moment
/// a match was proposed, computed only from what had been recorded by then (no outcome leaks into its own features).
/// </summary>
public static class OutcomeHistory
{
    /// <summary>The history features, in the order of their values in <see cref="Features"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["acceptRate", "solveRate", "acceptRateInIndustry", "solveRateInIndustry", "openLoad", "sinceLastAccepted"];

    /// <summary>
    /// The grade of a match in a final state: solved 4, unsolved 3 (it got as far as a visit), declined 0, and a
    /// withdrawn one by how far it got (contacted 1, accepted 2, visited 3). Null for an open match, or one withdrawn
    /// before any contact: neither says anything about the expert yet.
    /// </summary>
    public static int? Grade(PastMatch match)
    {
        var last = match.Events.Count == 0 ? MatchStatus.Proposed : match.Events[^1].Status;
        if (!MatchLifecycle.IsFinal(last)) return null;
        if (last == MatchStatus.Declined) return 0;
        var reached = PastMatch.Step(match.Furthest());
        return reached == 0 ? null : reached;
    }

    // Rates are smoothed towards a prior as if PriorWeight matches had gone the prior's way, so that an expert with
    // one lucky match is not taken for a sure one.
    private const double PriorWeight = 2;
    private const double AcceptPrior = 0.5;
    private const double SolvePrior = 0.3;

    /// <summary>
    /// An expert's history features at <paramref name="asOf"/>, from <paramref name="history"/> (that expert's
    /// matches; those proposed later, and events recorded later, are not seen): the smoothed share of contacts that were accepted
    /// and of visits that solved the problem, overall and in <paramref name="industry"/>; open matches against
    /// capacity (capped at 1); and the time since the last acceptance (a year or more, or never, is 1).
    /// </summary>
    public static double[] Features(IEnumerable<PastMatch> history, string? industry, int capacity, DateTimeOffset asOf)
    {
        int contacted = 0, accepted = 0, visited = 0, solved = 0;
        int contactedHere = 0, acceptedHere = 0, visitedHere = 0, solvedHere = 0, open = 0;
        DateTimeOffset? lastAccepted = null;
        foreach (var match in history)
        {
            if (match.CreatedAt >= asOf) continue;
            var here = industry is not null && string.Equals(match.Industry, industry, StringComparison.Ordinal);
            var furthest = match.Furthest(asOf);
            var status = match.StatusAt(asOf);
            if (!MatchLifecycle.IsFinal(status)) open++;
            var step = PastMatch.Step(furthest);
            if (step >= 1 || status == MatchStatus.Declined) { contacted++; if (here) contactedHere++; }
            if (step >= 2) { accepted++; if (here) acceptedHere++; }
            if (status is MatchStatus.Solved or MatchStatus.Unsolved) { visited++; if (here) visitedHere++; } // a visit with its outcome
            if (status == MatchStatus.Solved) { solved++; if (here) solvedHere++; }
            foreach (var e in match.Events)
                if (e.Status == MatchStatus.Accepted && e.RecordedAt <= asOf && (lastAccepted is null || e.OccurredAt > lastAccepted))
                    lastAccepted = e.OccurredAt;
        }
        static double Rate(int hits, int tries, double prior) => (hits + prior * PriorWeight) / (tries + PriorWeight);
        var since = lastAccepted is { } at ? Math.Min(1, Math.Max(0, (asOf - at).TotalDays) / 365) : 1;
        return
        [
            Rate(accepted, contacted, AcceptPrior), Rate(solved, visited, SolvePrior),
            Rate(acceptedHere, contactedHere, AcceptPrior), Rate(solvedHere, visitedHere, SolvePrior),
            Math.Min(1, open / (double)Math.Max(1, capacity)), since,
        ];
    }
}
