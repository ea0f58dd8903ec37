using Google.OrTools.Graph;
using Google.OrTools.Sat;

namespace Matchmaker.Core.Campaigns;

/// <summary>One problem of a campaign with its candidates (the ranker's best N, conflicts already left out) and their affinities.</summary>
public sealed record CampaignProblem(string ProblemId, IReadOnlyList<Candidate> Candidates);

/// <summary>An expert the ranker proposed for a problem, with the affinity in [0, 1].</summary>
public sealed record Candidate(string ExpertId, double Score);

/// <summary>How a campaign assigns: <c>total</c> maximises the sum of affinities; <c>fairness</c> first the weakest assignment's.</summary>
public enum AssignmentMode
{
    Total,
    Fairness,
}

/// <summary>
/// The rules of an assignment: experts per problem (at least <paramref name="MinPerProblem"/>, at most
/// <paramref name="MaxPerProblem"/>), the least affinity an assignment may have, and the mode.
/// </summary>
public sealed record AssignmentRules(int MinPerProblem, int MaxPerProblem, double MinScore, AssignmentMode Mode = AssignmentMode.Total);

/// <summary>A problem of the plan with its experts, best first.</summary>
public sealed record PlannedProblem(string ProblemId, IReadOnlyList<Candidate> Experts);

/// <summary>A problem the plan leaves without experts, and why.</summary>
public sealed record UnassignedProblem(string ProblemId, string Reason);

/// <summary>
/// An assignment: the problems with their experts, those left out with why, its total affinity and its weakest
/// assignment, what greedy top-k (each problem in turn taking its best candidates with room left) would have
/// totalled under the same rules, and whether the solver proved the plan optimal within its time limit.
/// </summary>
public sealed record AssignmentPlan(
    IReadOnlyList<PlannedProblem> Assigned, IReadOnlyList<UnassignedProblem> Unassigned, double Total, double Weakest, double GreedyTotal,
    int GreedyAssigned, bool Optimal);

/// <summary>
/// Assigns experts to a campaign's problems exactly, maximising the total affinity (to the fourth decimal): a problem
/// served takes between the minimum and the maximum of its candidates at or above the least affinity, one not served
/// takes none, and no expert takes more than their room. First as a min-cost flow (OR-Tools), which ignores the
/// minimum and is the optimum whenever every problem it serves reaches it; otherwise with OR-Tools' CP-SAT solver
/// (a yes/no for each problem and each candidate pair). In <c>fairness</c> mode the least affinity is then raised, by
/// a search over the candidates' affinities, as far as a plan still serves as many problems, and the total is
/// maximised above it; where only CP-SAT could say whether a higher level serves as many, the level stays lower.
/// </summary>
public static class AssignmentSolver
{
    private const double Scale = 10_000; // affinities as integers, to the fourth decimal (as answers show them)

    /// <summary>How long one solve may take before the best plan found is taken (reported as not proven optimal).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Solves the campaign. <paramref name="room"/> gives each expert's remaining load (missing or 0: none).</summary>
    public static AssignmentPlan Solve(IReadOnlyList<CampaignProblem> problems, IReadOnlyDictionary<string, int> room, AssignmentRules rules)
    {
        if (rules.MinPerProblem < 0 || rules.MaxPerProblem < Math.Max(1, rules.MinPerProblem))
            throw new ArgumentException("MaxPerProblem must be at least 1 and at least MinPerProblem.", nameof(rules));
        var best = SolveAbove(problems, room, rules, rules.MinScore, served: 0);
        if (rules.Mode == AssignmentMode.Fairness && best.Assigned.Count > 0)
        {
            // The weakest assignment as high as it goes while as many problems are served as in the total mode.
            var served = best.Assigned.Count;
            var levels = problems.SelectMany(p => p.Candidates).Select(c => c.Score).Where(s => s >= rules.MinScore).Distinct().Order().ToArray();
            int low = 0, high = levels.Length - 1;
            while (low < high)
            {
                var middle = (low + high + 1) / 2;
                if (SolveAbove(problems, room, rules, levels[middle], served).Assigned.Count >= served) low = middle;
                else high = middle - 1;
            }
            best = SolveAbove(problems, room, rules, levels[low], served);
        }
        var (greedyTotal, greedyAssigned) = Greedy(problems, room, rules);
        var scores = best.Assigned.SelectMany(p => p.Experts).Select(e => e.Score).ToList();
        return new AssignmentPlan(best.Assigned, best.Unassigned, scores.Sum(), scores.DefaultIfEmpty(0).Min(), greedyTotal, greedyAssigned, best.Optimal);
    }

    private sealed record Solved(List<PlannedProblem> Assigned, List<UnassignedProblem> Unassigned, bool Optimal);

    // The plan with candidates of at least minScore, serving at least `served` problems when it can.
    private static Solved SolveAbove(IReadOnlyList<CampaignProblem> problems, IReadOnlyDictionary<string, int> room, AssignmentRules rules,
        double minScore, int served)
    {
        var least = Math.Max(1, rules.MinPerProblem);
        var unassigned = new List<UnassignedProblem>();
        var kept = new List<(CampaignProblem Problem, List<Candidate> Eligible)>();
        foreach (var problem in problems)
        {
            var eligible = problem.Candidates.Where(c => c.Score >= minScore && room.GetValueOrDefault(c.ExpertId) > 0).DistinctBy(c => c.ExpertId).ToList();
            if (eligible.Count >= least) kept.Add((problem, eligible));
            else unassigned.Add(new UnassignedProblem(problem.ProblemId, eligible.Count == 0
                ? $"no candidate with an affinity of at least {minScore:0.####} and room left"
                : $"{eligible.Count} candidate(s) with an affinity of at least {minScore:0.####} and room left; at least {least} needed"));
        }
        if (kept.Count < served) return new Solved([], unassigned, true);
        // The flow's plan when it keeps the minimum. In the fairness search (served > 0) a flow plan that serves fewer
        // problems counts the level as too high: the level found is one where a plan serving as many exists, perhaps
        // not the highest such level (CP-SAT would tell, at many times the cost).
        if (FlowPlan(kept, room, rules, least) is { } relaxed) return relaxed with { Unassigned = [.. unassigned, .. relaxed.Unassigned] };

        var model = new CpModel();
        var serves = new List<BoolVar>();
        var pairs = new List<(int Problem, Candidate Candidate, BoolVar Chosen)>();
        var byExpert = new Dictionary<string, List<BoolVar>>(StringComparer.Ordinal);
        for (var p = 0; p < kept.Count; p++)
        {
            var y = model.NewBoolVar($"serve{p}");
            serves.Add(y);
            var chosen = new List<BoolVar>();
            foreach (var candidate in kept[p].Eligible)
            {
                var x = model.NewBoolVar($"x{p}_{candidate.ExpertId}");
                model.AddImplication(x, y);
                chosen.Add(x);
                pairs.Add((p, candidate, x));
                if (!byExpert.TryGetValue(candidate.ExpertId, out var list)) byExpert[candidate.ExpertId] = list = [];
                list.Add(x);
            }
            model.Add(LinearExpr.Sum(chosen) >= least * (LinearExpr)y);
            model.Add(LinearExpr.Sum(chosen) <= rules.MaxPerProblem * (LinearExpr)y);
        }
        foreach (var (expert, chosen) in byExpert) model.Add(LinearExpr.Sum(chosen) <= room[expert]);
        if (served > 0) model.Add(LinearExpr.Sum(serves) >= served);
        model.Maximize(LinearExpr.WeightedSum(pairs.Select(x => x.Chosen), pairs.Select(x => (long)Math.Round(x.Candidate.Score * Scale))));

        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{TimeLimit.TotalSeconds};num_workers:2" };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            return new Solved([], [.. unassigned, .. kept.Select(k => new UnassignedProblem(k.Problem.ProblemId, "no plan serves this many problems"))],
                status == CpSolverStatus.Infeasible);
        var assigned = new List<PlannedProblem>();
        for (var p = 0; p < kept.Count; p++)
        {
            if (solver.Value(serves[p]) == 1)
                assigned.Add(new PlannedProblem(kept[p].Problem.ProblemId, pairs.Where(x => x.Problem == p && solver.Value(x.Chosen) == 1)
                    .Select(x => x.Candidate).OrderByDescending(c => c.Score).ThenBy(c => c.ExpertId, StringComparer.Ordinal).ToList()));
            else
                unassigned.Add(new UnassignedProblem(kept[p].Problem.ProblemId,
                    $"its candidates serve other problems better within their room (at least {least} needed)"));
        }
        return new Solved(assigned, unassigned, status == CpSolverStatus.Optimal);
    }

    // The best total without the minimum, as a min-cost flow (source → problem up to the maximum → expert, one unit a
    // pair, costing minus its affinity → sink up to the expert's room; what is not worth assigning goes past): fast,
    // and the optimum itself whenever every problem it serves reaches the minimum (it is an upper bound otherwise, and
    // null sends the caller to CP-SAT).
    private static Solved? FlowPlan(List<(CampaignProblem Problem, List<Candidate> Eligible)> kept, IReadOnlyDictionary<string, int> room,
        AssignmentRules rules, int least)
    {
        var experts = kept.SelectMany(k => k.Eligible).Select(c => c.ExpertId).Distinct(StringComparer.Ordinal).ToList();
        var expertNode = experts.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => 2 + kept.Count + p.i, StringComparer.Ordinal);
        const int source = 0, sink = 1;
        long supply = kept.Count * (long)rules.MaxPerProblem;
        var flow = new MinCostFlow();
        var pairs = new List<(int Arc, int Problem, Candidate Candidate)>();
        for (var p = 0; p < kept.Count; p++)
        {
            flow.AddArcWithCapacityAndUnitCost(source, 2 + p, rules.MaxPerProblem, 0);
            foreach (var candidate in kept[p].Eligible)
                pairs.Add((flow.AddArcWithCapacityAndUnitCost(2 + p, expertNode[candidate.ExpertId], 1, -(long)Math.Round(candidate.Score * Scale)), p, candidate));
        }
        foreach (var (id, node) in expertNode) flow.AddArcWithCapacityAndUnitCost(node, sink, room[id], 0);
        flow.AddArcWithCapacityAndUnitCost(source, sink, supply, 0);
        flow.SetNodeSupply(source, supply);
        flow.SetNodeSupply(sink, -supply);
        if (flow.Solve() != MinCostFlowBase.Status.OPTIMAL) return null;
        var chosen = pairs.Where(x => flow.Flow(x.Arc) > 0).ToLookup(x => x.Problem, x => x.Candidate);
        if (Enumerable.Range(0, kept.Count).Any(p => chosen[p].Count() is var n && n > 0 && n < least)) return null;
        var assigned = new List<PlannedProblem>();
        var unassigned = new List<UnassignedProblem>();
        for (var p = 0; p < kept.Count; p++)
        {
            if (chosen[p].Any())
                assigned.Add(new PlannedProblem(kept[p].Problem.ProblemId,
                    chosen[p].OrderByDescending(c => c.Score).ThenBy(c => c.ExpertId, StringComparer.Ordinal).ToList()));
            else
                unassigned.Add(new UnassignedProblem(kept[p].Problem.ProblemId,
                    $"its candidates serve other problems better within their room (at least {least} needed)"));
        }
        return new Solved(assigned, unassigned, true);
    }

    // Greedy top-k under the same rules: each problem in turn takes its best candidates with room left, up to the
    // maximum; one that cannot reach its minimum takes none.
    private static (double Total, int Assigned) Greedy(IReadOnlyList<CampaignProblem> problems, IReadOnlyDictionary<string, int> room, AssignmentRules rules)
    {
        var left = new Dictionary<string, int>(room, StringComparer.Ordinal);
        double total = 0;
        var assigned = 0;
        foreach (var problem in problems)
        {
            var taken = problem.Candidates.Where(c => c.Score >= rules.MinScore && left.GetValueOrDefault(c.ExpertId) > 0)
                .DistinctBy(c => c.ExpertId).OrderByDescending(c => c.Score).Take(rules.MaxPerProblem).ToList();
            if (taken.Count < Math.Max(1, rules.MinPerProblem)) continue;
            foreach (var c in taken) left[c.ExpertId]--;
            total += taken.Sum(c => c.Score);
            assigned++;
        }
        return (total, assigned);
    }
}
