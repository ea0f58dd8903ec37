using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

namespace Matchmaker.Tests.Ranking;

public class ExpertIndexTests
{
    private static readonly Expert[] Experts =
    [
        new() { Id = "E1", Name = "a", Fields = ["纺织涂层"], Works = [new() { Title = "聚氨酯遮光涂层低温龟裂", Year = 2022 }] },
        new() { Id = "E2", Name = "b", Fields = ["注塑模具"], Works = [new() { Title = "注塑件翘曲与随形冷却", Year = 2020 }] },
        new() { Id = "E3", Name = "c", Fields = ["测土配方施肥"], Works = [new() { Title = "梨园土壤板结改良" }] },
        new() { Id = "E4", Name = "d", Fields = ["涂层", "注塑模具"], Works = [new() { Title = "Polyurethane coating for injection molded parts" }] },
        new() { Id = "E5", Name = "e", Available = false, Fields = ["纺织涂层"], Works = [new() { Title = "遮光涂层配方" }] },
    ];

    private static ProblemQuery Problem(string text) => new(text, null, null, null, []);

    // Each case: a query touching different term sets (Chinese words, bigrams, English, several topics at once).
    [TestCase("遮光涂层开裂")]
    [TestCase("注塑件翘曲变形")]
    [TestCase("polyurethane coating cracks")]
    [TestCase("梨园土壤板结 涂层")]
    public void Inverted_index_candidates_equal_a_brute_force_scan(string text)
    {
        var index = ExpertIndex.Build(Shared.Analyzer, Experts);
        var query = Ranker.Query(index, Problem(text));

        var searched = index.Candidates(query).OrderBy(c => c.Expert.Id).Select(c => (c.Expert.Id, c.Whole)).ToList();
        var brute = index.Experts.Where(e => e.Available)
            .Select(e => (e.Id, Whole: query.Dot(e.Whole))).Where(c => c.Whole > 0).OrderBy(c => c.Id).ToList();

        Assert.That(searched.Select(c => c.Id), Is.EqualTo(brute.Select(c => c.Id)).And.Not.Empty);
        Assert.That(searched.Select(c => c.Whole), Is.EqualTo(brute.Select(c => c.Whole)).Within(1e-5f));
    }

    [TestCase("遮光涂层开裂")]
    [TestCase("polyurethane coating cracks")]
    public void Feedback_gives_the_rocchio_query_and_the_field_scores_a_fresh_pass_would(string text)
    {
        var index = ExpertIndex.Build(Shared.Analyzer, Experts);
        var query = Ranker.Query(index, Problem(text));
        var peers = new[] { index.Find("E1")!, index.Find("E4")! };

        var (expanded, fields) = Ranker.WithFeedback(index, query, index.FieldScores(query), peers, 0.75);

        // The peers' words only: no character bigram of theirs comes in.
        var words = peers.Select(p => new SparseVector(
            p.Whole.Indices.Where(t => !TextAnalyzer.IsBigram(index.Featurizer.Term(t))).ToArray(),
            p.Whole.Indices.Select((t, k) => (t, k)).Where(e => !TextAnalyzer.IsBigram(index.Featurizer.Term(e.t))).Select(e => p.Whole.Values[e.k]).ToArray()));
        var rocchio = SparseVectors.Centroid([query, SparseVectors.Centroid(words).Scale(0.75)]);
        Assert.That(expanded.Indices, Is.EqualTo(rocchio.Indices));
        Assert.That(expanded.Values, Is.EqualTo(rocchio.Values).Within(1e-6f));
        var fresh = index.FieldScores(expanded);
        Assert.That(fresh.Count(f => f > 0), Is.GreaterThan(1), "the case should touch several fields");
        Assert.That(fields, Is.EqualTo(fresh).Within(1e-6f));
        Assert.That(expanded.Indices.Where(t => !query.Indices.Contains(t)).Select(index.Featurizer.Term), Has.None.Matches<string>(TextAnalyzer.IsBigram),
            "bigrams only from the problem itself");
        var kept = index.FeedbackOf(peers[0]);
        Assert.That(index.FeedbackOf(peers[0]), Is.SameAs(kept), "a peer's feedback is kept");
    }

    [Test]
    public void An_incremental_change_is_found_at_once_and_a_deleted_expert_is_gone()
    {
        var index = ExpertIndex.Build(Shared.Analyzer, Experts);
        var edited = Experts[1] with { Works = [new() { Title = "遮光涂层低温龟裂的注塑件" }] };

        var changed = index.With([edited], ["E3"]);

        Assert.That(changed.Find("E3"), Is.Null);
        Assert.That(changed.Count, Is.EqualTo(index.Count - 1));
        Assert.That(changed.Find("E2")!.Works.Single().Title, Is.EqualTo("遮光涂层低温龟裂的注塑件"));
        var top = Ranker.Rank(changed, Problem("遮光涂层龟裂"), 2).Select(i => i.ExpertId);
        Assert.That(top, Does.Contain("E2"));
        Assert.That(index.Find("E2")!.Works.Single().Title, Is.EqualTo("注塑件翘曲与随形冷却"), "the old snapshot is unchanged");
        Assert.That(index.Find("E3"), Is.Not.Null, "the old snapshot is unchanged");
    }

    [Test]
    public void Vectors_are_unit_length_so_scores_stay_within_zero_and_one()
    {
        var index = ExpertIndex.Build(Shared.Analyzer, Experts);

        foreach (var expert in index.Experts)
            Assert.That(expert.Whole.Dot(expert.Whole), Is.EqualTo(1f).Within(1e-4f), expert.Id);
        var items = Ranker.Rank(index, Problem("遮光涂层 注塑 polyurethane"), 5);
        Assert.That(items.Select(i => i.Score), Has.All.InRange(0.0, 1.0));
    }
}
