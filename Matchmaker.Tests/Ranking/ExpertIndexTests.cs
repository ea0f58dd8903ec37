using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Tests.Ranking;

public class ExpertIndexTests
{
    private static readonly Expert[] Experts =
    [
        new() { Id = "E1", Name = "a", Fields = ["纺织涂层"], Works = [new() { Title = "聚氨酯遮光涂层低温龟裂" }] },
        new() { Id = "E2", Name = "b", Fields = ["注塑模具"], Works = [new() { Title = "注塑件翘曲与随形冷却" }] },
        new() { Id = "E3", Name = "c", Fields = ["测土配方施肥"], Works = [new() { Title = "梨园土壤板结改良" }] },
        new() { Id = "E4", Name = "d", Fields = ["涂层", "注塑"], Works = [new() { Title = "Polyurethane coating for injection molded parts" }] },
        new() { Id = "E5", Name = "e", Available = false, Fields = ["纺织涂层"], Works = [new() { Title = "遮光涂层配方" }] },
    ];

    [TestCase("遮光涂层开裂")]
    [TestCase("注塑件翘曲变形")]
    [TestCase("polyurethane coating cracks")]
    [TestCase("梨园土壤板结 涂层")]
    public void Inverted_index_search_equals_a_brute_force_scan(string text)
    {
        var index = ExpertIndex.Build(Shared.Analyzer, Experts);
        var query = index.Featurizer.Transform(text);

        var searched = index.Search(query, 10);
        var brute = Enumerable.Range(0, index.Count)
            .Where(i => index[i].Available)
            .Select(i => new Hit(i, query.Dot(index[i].Vector)))
            .Where(h => h.Similarity > 0)
            .OrderByDescending(h => h.Similarity).ThenBy(h => index[h.Ordinal].Id, StringComparer.Ordinal)
            .ToList();

        Assert.That(searched.Select(h => index[h.Ordinal].Id), Is.EqualTo(brute.Select(h => index[h.Ordinal].Id)));
        Assert.That(searched.Select(h => h.Similarity), Is.EqualTo(brute.Select(h => h.Similarity)).Within(1e-5f));
    }

    [Test]
    public void An_incremental_change_matches_a_rebuild_on_the_same_vocabulary()
    {
        var index = ExpertIndex.Build(Shared.Analyzer, Experts);
        var edited = Experts[1] with { Works = [new() { Title = "遮光涂层低温龟裂的注塑件" }] };

        var changed = index.With([edited], ["E3"]);

        Assert.That(changed.OrdinalOf("E3"), Is.Null);
        var vector = changed[changed.OrdinalOf("E2")!.Value].Vector;
        Assert.That(vector.Indices, Is.EqualTo(index.Featurizer.Transform(ExpertText.Of(edited)).Indices));
        var top = changed.Search(changed.Featurizer.Transform("遮光涂层龟裂"), 2).Select(h => changed[h.Ordinal].Id);
        Assert.That(top, Does.Contain("E2"));
    }

    [Test]
    public void Vectors_are_unit_length_so_scores_stay_within_zero_and_one()
    {
        var index = ExpertIndex.Build(Shared.Analyzer, Experts);

        for (var i = 0; i < index.Count; i++)
            Assert.That(index[i].Vector.Dot(index[i].Vector), Is.EqualTo(1f).Within(1e-4f), index[i].Id);
    }
}
