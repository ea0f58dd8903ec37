using System.Diagnostics;
using Matchmaker.Core.Campaigns;

namespace Matchmaker.Bench;

/// <summary>
/// The campaign assignment's solve alone (issue 13's target counts the candidates' rankings too): 1,000 problems of
/// 50 candidates each among 5,000 experts with room for 2 each, affinities drawn at random, 3 experts a problem.
/// </summary>
internal static class CampaignBench
{
    public static int Run()
    {
        var random = new Random(20261203);
        var problems = Enumerable.Range(0, 1000).Select(p => new CampaignProblem($"P{p}",
            Enumerable.Range(0, 50).Select(_ => random.Next(5000)).Distinct()
                .Select(e => new Candidate($"E{e}", Math.Round(0.2 + 0.8 * random.NextDouble(), 4))).ToList())).ToList();
        var room = Enumerable.Range(0, 5000).ToDictionary(e => $"E{e}", _ => 2);
        foreach (var (min, max, mode) in new[] { (3, 3, AssignmentMode.Total), (1, 3, AssignmentMode.Total), (3, 3, AssignmentMode.Fairness) })
        {
            var watch = Stopwatch.StartNew();
            var plan = AssignmentSolver.Solve(problems, room, new AssignmentRules(min, max, 0.1, mode));
            Console.WriteLine($"campaign of 1,000 problems × 50 candidates, 5,000 experts with room 2, {min}–{max} a problem, {mode}: " +
                $"{watch.Elapsed.TotalSeconds:F2} s; {plan.Assigned.Count} served, total {plan.Total:F1} (greedy top-k {plan.GreedyTotal:F1}), " +
                $"weakest {plan.Weakest:F3}, optimal {plan.Optimal}");
        }
        return 0;
    }
}
