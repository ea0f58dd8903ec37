using System.Diagnostics;
using Matchmaker.Core.Jobs;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;
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
        WithRanking();
        return 0;
    }

    // Issue 13's target: 1,000 problems among 5,000 experts, 3 a problem, load ≤ 2, 50 candidates each from the ranker,
    // in ≤ 5 s on 2 cores with the candidates' ranking included. The problems are demo problems recombined (a title's
    // beginning with another's end, both keyword lists), so that no two are alike.
    private static void WithRanking()
    {
        const int experts = 5_000, problems = 1_000;
        var (demo, corpus, index) = DemoData.Indexed(experts);
        var random = new Random(13);
        var queries = Enumerable.Range(0, problems).Select(_ =>
        {
            var a = demo.Queries[random.Next(demo.Queries.Count)];
            var b = demo.Queries[random.Next(demo.Queries.Count)];
            return a with
            {
                Title = TextVariation.Recombine(a.Title ?? "", b.Title ?? "", TextVariation.IsChinese(a.Title), random),
                Keywords = [.. a.Keywords, .. b.Keywords],
            };
        }).ToList();
        for (var i = 0; i < 50; i++) Ranker.Rank(index, queries[i], 50, explain: Explanation.None); // warm-up: the JIT

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var campaign = new CampaignProblem[problems];
        Parallel.For(0, problems, i => campaign[i] = new CampaignProblem($"P{i}",
            Ranker.Rank(index, queries[i], JobRequest.DefaultCandidates, explain: Explanation.None).Select(r => new Candidate(r.ExpertId, r.Score)).ToList()));
        var ranked = watch.Elapsed;
        var room = corpus.ToDictionary(e => e.Id, _ => 2);
        var plan = AssignmentSolver.Solve(campaign, room, new AssignmentRules(3, 3, 0, AssignmentMode.Total));
        var total = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var most = plan.Assigned.SelectMany(p => p.Experts).GroupBy(e => e.ExpertId).Max(g => g.Count());
        Console.WriteLine($"campaign of {problems:N0} problems among {experts:N0} experts, 3 a problem, load ≤ 2, {JobRequest.DefaultCandidates} candidates each " +
            $"ranked here: {total.TotalSeconds:F2} s in all, {cpu.TotalSeconds:F2} s of CPU (ranking {ranked.TotalSeconds:F2} s on {Environment.ProcessorCount} cores, solving " +
            $"{(total - ranked).TotalSeconds:F2} s; target ≤ 5 s); {plan.Assigned.Count} served, total {plan.Total:F1} against greedy top-k's " +
            $"{plan.GreedyTotal:F1} ({plan.GreedyAssigned} served), optimal {plan.Optimal}, most problems for one expert {most}");
    }
}
