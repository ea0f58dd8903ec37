using Matchmaker.Core.Evaluation;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Tests.Ranking;

/// <summary>The pruned top-k search of the index against scoring every expert, on the demo experts and problems.</summary>
public class SearchTests
{
    private static readonly Lazy<(ExpertIndex Index, List<ProblemQuery> Problems, IReadOnlyList<Expert> Experts)> Demo = new(() =>
    {
        var data = Path.Combine(Paths.RepositoryRoot, "data");
        var set = EvalSet.Load("data/eval", Path.Combine(data, "experts.jsonl"),
            Path.Combine(data, "eval", "problems.jsonl"), Path.Combine(data, "eval", "qrels.tsv"));
        return (ExpertIndex.Build(Shared.Analyzer, set.Experts, Shared.Glossary), set.Problems.Select(ProblemQuery.From).ToList(), set.Experts);
    });

    // Each case: how many results, and whether the boost (field affinity, region) takes part, which changes the bound.
    [TestCase(5, false)]
    [TestCase(5, true)]
    [TestCase(50, true)]
    public void An_unlimited_search_equals_scoring_every_expert(int k, bool boosted)
    {
        var (index, problems, _) = Demo.Value;
        foreach (var problem in problems)
        {
            var query = Ranker.Query(index, problem);
            var score = boosted
                ? new PartialScore(1, 0.15f, index.FieldScores(query), 0.02f, "杭州", "浙江")
                : PartialScore.Text;

            var searched = index.Top(query, score, k, SearchLimits.Exhaustive);
            var brute = BruteForce(index, query, score, k);

            Assert.That(searched.Select(s => s.Score), Is.EqualTo(brute.Select(s => s.Score)).Within(1e-5f), problem.Title);
            // Identities may differ only between experts tied (to rounding) at the cut.
            var cut = brute[^1].Score + 1e-5f;
            Assert.That(searched.Where(s => s.Score > cut).Select(s => s.Expert.Id),
                Is.EquivalentTo(brute.Where(s => s.Score > cut).Select(s => s.Expert.Id)), problem.Title);
        }
    }

    // Each case: a budget small enough that no query is read whole, so the early stop and the completion of the best
    // partial sums do the work (on 100,000 experts the default budget is in that regime; the demo set is too small).
    [TestCase(2_000, 5)]
    [TestCase(2_000, 50)]
    [TestCase(20_000, 50)]
    public void A_search_cut_short_completes_the_scores_it_returns_and_finds_nearly_the_same_experts(long postings, int k)
    {
        var (index, problems, _) = Demo.Value;
        var limits = new SearchLimits(postings, Rescored: 4 * k, PerResult: 4);
        int common = 0, total = 0;
        foreach (var problem in problems)
        {
            var query = Ranker.Query(index, problem);
            var score = new PartialScore(1, 0.15f, index.FieldScores(query), 0.02f, "杭州", "浙江");
            var exact = BruteForce(index, query, score, k).ToDictionary(s => s.Expert.Id);

            var searched = index.Top(query, score, k, limits);

            Assert.That(searched, Has.Count.EqualTo(exact.Count), problem.Title);
            Assert.That(searched.Select(s => s.Score), Is.Ordered.Descending, problem.Title);
            foreach (var found in searched)
            {
                // Completed from the expert's own vector: the cosine and the score are exact even where the search was not.
                Assert.That(found.Whole, Is.EqualTo(query.Dot(found.Expert.Whole)).Within(1e-5f), found.Expert.Id);
                Assert.That(found.Score, Is.EqualTo(found.Whole + Boost(found.Expert, score)).Within(1e-5f), found.Expert.Id);
            }
            common += searched.Count(s => exact.ContainsKey(s.Expert.Id));
            total += exact.Count;
        }
        TestContext.Out.WriteLine($"budget {postings}, k {k}: {common} of {total} in common with scoring every expert");
        Assert.That(common / (double)total, Is.GreaterThan(0.95));
    }

    [Test]
    public void The_bounded_search_of_the_ranker_gives_the_same_recommendations_as_an_unlimited_one()
    {
        var (index, problems, _) = Demo.Value;
        var unlimited = RankingOptions.Default with { Limits = SearchLimits.Exhaustive };

        // The same experts in the same order; scores equal up to the float rounding of cosines summed in another order
        // (a bounded search completes the terms it did not read from each expert's own vector), so at most one unit
        // of the fourth decimal apart.
        foreach (var problem in problems)
        {
            var bounded = Ranker.Rank(index, problem, 10);
            var exact = Ranker.Rank(index, problem, 10, options: unlimited);
            Assert.That(bounded.Select(i => i.ExpertId), Is.EqualTo(exact.Select(i => i.ExpertId)), problem.Title);
            Assert.That(bounded.Select(i => i.Score), Is.EqualTo(exact.Select(i => i.Score)).Within(1.0001e-4), problem.Title);
        }
    }

    [Test]
    public void Searches_a_large_batch_of_changes_through_its_own_postings_as_exactly_as_the_main_index()
    {
        var (index, _, experts) = Demo.Value;
        // More changed experts than are scanned, so the change segment is indexed: copies under new ids.
        var copies = Enumerable.Range(0, ExpertIndex.ScannedChanges / experts.Count + 1)
            .SelectMany(n => experts.Select(e => e with { Id = $"{e.Id}-copy{n}" })).ToList();
        Assert.That(copies, Has.Count.GreaterThan(ExpertIndex.ScannedChanges));

        var changed = index.With(copies, []);

        foreach (var problem in Demo.Value.Problems.Take(20))
        {
            var query = Ranker.Query(changed, problem);
            var score = new PartialScore(1, 0.15f, changed.FieldScores(query), 0.02f, "杭州", "浙江");
            var searched = changed.Top(query, score, 20, SearchLimits.Exhaustive);
            var brute = BruteForce(changed, query, score, 20);
            Assert.That(searched.Select(s => s.Score), Is.EqualTo(brute.Select(s => s.Score)).Within(1e-5f), problem.Title);
            Assert.That(searched.Select(s => s.Expert.Id), Has.Some.Contains("-copy"), problem.Title);
        }
    }

    [Test]
    public void Leaves_out_unavailable_experts_and_those_sharing_no_term()
    {
        var (index, problems, _) = Demo.Value;
        var query = Ranker.Query(index, problems[0]);

        var all = index.Top(query, PartialScore.Text, index.Count, SearchLimits.Exhaustive);

        Assert.That(all, Is.Not.Empty);
        Assert.That(all.Select(s => s.Expert.Available), Has.All.True);
        Assert.That(all.Select(s => s.Whole), Has.All.GreaterThan(0f));
        Assert.That(all, Has.Count.EqualTo(index.Experts.Count(e => e.Available && query.Dot(e.Whole) > 0)));
    }

    private static List<Scored> BruteForce(ExpertIndex index, Core.Text.SparseVector query, PartialScore score, int k) =>
        index.Experts.Where(e => e.Available)
            .Select(e => (Expert: e, Whole: query.Dot(e.Whole)))
            .Where(c => c.Whole > 0)
            .Select(c => new Scored(c.Expert, c.Whole, score.TextWeight * c.Whole + Boost(c.Expert, score)))
            .OrderByDescending(s => s.Score)
            .Take(k)
            .ToList();

    // The boost as PartialScore documents it.
    private static float Boost(IndexedExpert expert, PartialScore score)
    {
        var field = expert.FieldIds.Select(id => score.FieldScores.Length > id ? score.FieldScores[id] : 0).DefaultIfEmpty(0).Max();
        var region = score.City is not null && expert.City == score.City ? 1f
            : score.Province is not null && expert.Province == score.Province ? 0.5f : 0f;
        return score.FieldWeight * field + score.RegionWeight * region;
    }
}
