using Matchmaker.Core.Campaigns;

namespace Matchmaker.Tests.Campaigns;

/// <summary>The campaign assignment against an exhaustive search on small campaigns, and its rules.</summary>
public class AssignmentSolverTests
{
    private static (List<CampaignProblem> Problems, Dictionary<string, int> Room) Random(Random random, int problems, int experts)
    {
        var list = Enumerable.Range(0, problems).Select(p => new CampaignProblem($"P-{p}",
            Enumerable.Range(0, experts).Where(_ => random.NextDouble() < 0.6)
                .Select(e => new Candidate($"E-{e}", Math.Round(random.NextDouble(), 3))).ToList())).ToList();
        var room = Enumerable.Range(0, experts).ToDictionary(e => $"E-{e}", _ => random.Next(0, 3));
        return (list, room);
    }

    // Every way of giving each problem none, or between min and max of its candidates, within the experts' room:
    // the largest total (and the problems it serves).
    private static (int Served, double Total) Exhaustive(IReadOnlyList<CampaignProblem> problems, Dictionary<string, int> room, AssignmentRules rules)
    {
        var options = problems.Select(p =>
        {
            var eligible = p.Candidates.Where(c => c.Score >= rules.MinScore).ToList();
            var subsets = new List<List<Candidate>> { new() };
            for (var mask = 1; mask < 1 << eligible.Count; mask++)
            {
                var subset = eligible.Where((_, i) => (mask & (1 << i)) != 0).ToList();
                if (subset.Count >= Math.Max(1, rules.MinPerProblem) && subset.Count <= rules.MaxPerProblem) subsets.Add(subset);
            }
            return subsets;
        }).ToList();
        (int, double) best = (0, 0);
        void Walk(int p, Dictionary<string, int> left, int served, double total)
        {
            if (p == problems.Count)
            {
                if (total > best.Item2 + 1e-9) best = (served, total);
                return;
            }
            foreach (var subset in options[p])
            {
                if (subset.Any(c => left.GetValueOrDefault(c.ExpertId) <= 0)) continue;
                foreach (var c in subset) left[c.ExpertId]--;
                Walk(p + 1, left, served + (subset.Count > 0 ? 1 : 0), total + subset.Sum(c => c.Score));
                foreach (var c in subset) left[c.ExpertId]++;
            }
        }
        Walk(0, new Dictionary<string, int>(room), 0, 0);
        return best;
    }

    [Test]
    public void Finds_the_largest_total_affinity_of_an_exhaustive_search_on_200_small_campaigns([Values(1, 2)] int min)
    {
        var random = new Random(13);
        var rules = new AssignmentRules(MinPerProblem: min, MaxPerProblem: 3, MinScore: 0.1);
        var failures = new List<string>();
        for (var run = 0; run < 200; run++)
        {
            var (problems, room) = Random(random, problems: 4, experts: 6);
            var plan = AssignmentSolver.Solve(problems, room, rules);
            var (served, total) = Exhaustive(problems, room, rules);
            if (!plan.Optimal || Math.Abs(plan.Total - total) > 1e-6)
                failures.Add($"run {run}: {plan.Assigned.Count} problems, {plan.Total:F3} against {served}, {total:F3}");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Keeps_every_rule_and_explains_each_problem_left_out()
    {
        var random = new Random(29);
        var (problems, room) = Random(random, problems: 30, experts: 20);
        problems.Add(new CampaignProblem("P-empty", []));
        var rules = new AssignmentRules(MinPerProblem: 2, MaxPerProblem: 3, MinScore: 0.3);

        var plan = AssignmentSolver.Solve(problems, room, rules);

        Assert.That(plan.Assigned.Select(p => p.Experts.Count), Has.All.InRange(2, 3));
        Assert.That(plan.Assigned.SelectMany(p => p.Experts).Select(e => e.Score), Has.All.GreaterThanOrEqualTo(0.3));
        var load = plan.Assigned.SelectMany(p => p.Experts).GroupBy(e => e.ExpertId).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(load.All(l => l.Value <= room[l.Key]), Is.True, "no expert over their room");
        Assert.That(plan.Assigned.Select(p => p.ProblemId).Concat(plan.Unassigned.Select(u => u.ProblemId)), Is.EquivalentTo(problems.Select(p => p.ProblemId)));
        Assert.That(plan.Unassigned.Single(u => u.ProblemId == "P-empty").Reason, Does.StartWith("no candidate"));
        Assert.That(plan.Optimal, Is.True);
        Assert.That(plan.Total, Is.GreaterThanOrEqualTo(plan.GreedyTotal - 1e-9), "never below greedy top-k under the same rules");
    }

    [Test]
    public void Beats_greedy_top_k_when_a_star_expert_is_wanted_everywhere()
    {
        // Greedy gives the star to the first problem and leaves the second without anyone it may take.
        var problems = new List<CampaignProblem>
        {
            new("P-1", [new("E-star", 0.9), new("E-other", 0.8)]),
            new("P-2", [new("E-star", 0.7)]),
        };
        var room = new Dictionary<string, int> { ["E-star"] = 1, ["E-other"] = 1 };

        var plan = AssignmentSolver.Solve(problems, room, new AssignmentRules(1, 1, 0));

        Assert.That(plan.Assigned.ToDictionary(p => p.ProblemId, p => p.Experts.Single().ExpertId),
            Is.EqualTo(new Dictionary<string, string> { ["P-1"] = "E-other", ["P-2"] = "E-star" }));
        Assert.That(plan.Total, Is.EqualTo(1.5).Within(1e-9));
        Assert.That(plan.GreedyTotal, Is.EqualTo(0.9).Within(1e-9));
        Assert.That(plan.GreedyAssigned, Is.EqualTo(1));
    }

    [Test]
    public void A_minimum_the_relaxed_flow_misses_is_solved_exactly()
    {
        // Without the minimum, P-2 would take E-c alone (0.1): the flow's plan breaks the rule, and CP-SAT decides.
        var problems = new List<CampaignProblem>
        {
            new("P-1", [new("E-a", 0.9), new("E-b", 0.8)]),
            new("P-2", [new("E-a", 0.85), new("E-c", 0.1)]),
        };
        var room = new Dictionary<string, int> { ["E-a"] = 1, ["E-b"] = 1, ["E-c"] = 1 };

        var plan = AssignmentSolver.Solve(problems, room, new AssignmentRules(2, 2, 0));

        Assert.That(plan.Optimal, Is.True);
        Assert.That(plan.Total, Is.EqualTo(1.7).Within(1e-9));
        Assert.That(plan.Assigned.Single().ProblemId, Is.EqualTo("P-1"));
        Assert.That(plan.Unassigned.Single().Reason, Does.Contain("serve other problems better"));
    }

    [Test]
    public void Fairness_raises_the_weakest_assignment_without_leaving_more_problems_out()
    {
        var random = new Random(41);
        var (problems, room) = Random(random, problems: 25, experts: 15);
        var total = AssignmentSolver.Solve(problems, room, new AssignmentRules(1, 2, 0.05));
        var fair = AssignmentSolver.Solve(problems, room, new AssignmentRules(1, 2, 0.05, AssignmentMode.Fairness));

        TestContext.Out.WriteLine($"total mode: {total.Assigned.Count} problems, total {total.Total:F3}, weakest {total.Weakest:F3}; " +
            $"fairness: {fair.Assigned.Count}, {fair.Total:F3}, weakest {fair.Weakest:F3}");
        Assert.That(fair.Assigned, Has.Count.EqualTo(total.Assigned.Count));
        Assert.That(fair.Weakest, Is.GreaterThan(total.Weakest));
        Assert.That(fair.Total, Is.LessThanOrEqualTo(total.Total + 1e-9));
    }
}
