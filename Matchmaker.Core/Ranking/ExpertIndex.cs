using Matchmaker.Core.Experts;
using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>What the index keeps of one expert: enough to rank, filter and name it without a database read.</summary>
public sealed record IndexedExpert(string Id, string Name, ExpertKind Kind, string? Organization, bool Available, SparseVector Vector);

/// <summary>A scored candidate: ordinal in the index and text similarity.</summary>
public readonly record struct Hit(int Ordinal, float Similarity);

/// <summary>
/// An immutable snapshot of all experts' vectors with an inverted index over their terms. Readers share a snapshot
/// without locks; a change produces a new snapshot that reuses the unchanged experts' vectors.
/// </summary>
public sealed class ExpertIndex
{
    private readonly IndexedExpert[] _experts;
    private readonly Dictionary<string, int> _ordinals;
    private readonly int[][] _postingExperts;
    private readonly float[][] _postingWeights;

    private ExpertIndex(TextFeaturizer featurizer, IndexedExpert[] experts)
    {
        Featurizer = featurizer;
        _experts = experts;
        _ordinals = new Dictionary<string, int>(experts.Length, StringComparer.Ordinal);
        for (var i = 0; i < experts.Length; i++) _ordinals[experts[i].Id] = i;

        var counts = new int[featurizer.VocabularySize];
        foreach (var expert in experts)
            foreach (var term in expert.Vector.Indices) counts[term]++;
        _postingExperts = counts.Select(c => new int[c]).ToArray();
        _postingWeights = counts.Select(c => new float[c]).ToArray();
        Array.Clear(counts);
        for (var ordinal = 0; ordinal < experts.Length; ordinal++)
        {
            var vector = experts[ordinal].Vector;
            for (var k = 0; k < vector.Indices.Length; k++)
            {
                var term = vector.Indices[k];
                var slot = counts[term]++;
                _postingExperts[term][slot] = ordinal;
                _postingWeights[term][slot] = vector.Values[k];
            }
        }
    }

    public TextFeaturizer Featurizer { get; }

    public int Count => _experts.Length;

    public IndexedExpert this[int ordinal] => _experts[ordinal];

    public static ExpertIndex Build(TextAnalyzer analyzer, IReadOnlyList<Expert> experts)
    {
        var texts = experts.Select(ExpertText.Of).ToList();
        var featurizer = TextFeaturizer.Fit(analyzer, texts);
        var vectors = featurizer.TransformMany(texts);
        return new ExpertIndex(featurizer, experts.Select((e, i) => Entry(e, vectors[i])).ToArray());
    }

    /// <summary>A new snapshot with <paramref name="upserts"/> vectorised by this snapshot's model and <paramref name="deletes"/> gone.</summary>
    public ExpertIndex With(IReadOnlyList<Expert> upserts, IReadOnlyCollection<string> deletes)
    {
        var replaced = upserts.ToDictionary(e => e.Id, e => Entry(e, Featurizer.Transform(ExpertText.Of(e))), StringComparer.Ordinal);
        var gone = deletes.ToHashSet(StringComparer.Ordinal);
        var next = new List<IndexedExpert>(_experts.Length + replaced.Count);
        foreach (var expert in _experts)
        {
            if (gone.Contains(expert.Id)) continue;
            next.Add(replaced.Remove(expert.Id, out var updated) ? updated : expert);
        }
        next.AddRange(replaced.Values.OrderBy(e => e.Id, StringComparer.Ordinal));
        return new ExpertIndex(Featurizer, [.. next]);
    }

    public int? OrdinalOf(string id) => _ordinals.TryGetValue(id, out var ordinal) ? ordinal : null;

    /// <summary>The <paramref name="top"/> available experts by cosine similarity, term at a time over the postings.</summary>
    public List<Hit> Search(SparseVector query, int top)
    {
        var scores = new float[_experts.Length];
        for (var k = 0; k < query.Indices.Length; k++)
        {
            var term = query.Indices[k];
            var weight = query.Values[k];
            var experts = _postingExperts[term];
            var weights = _postingWeights[term];
            for (var p = 0; p < experts.Length; p++) scores[experts[p]] += weight * weights[p];
        }
        return TopK(Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0 && _experts[i].Available).Select(i => new Hit(i, scores[i])), top);
    }

    /// <summary>Scores only the listed experts, by direct dot products (for a caller that restricts the candidates).</summary>
    public List<Hit> Search(SparseVector query, int top, IEnumerable<string> candidateIds)
    {
        var hits = candidateIds.Distinct(StringComparer.Ordinal)
            .Select(OrdinalOf).OfType<int>()
            .Where(i => _experts[i].Available)
            .Select(i => new Hit(i, query.Dot(_experts[i].Vector)));
        return TopK(hits, top);
    }

    // Ties broken by expert id so that the same data always gives the same order.
    private List<Hit> TopK(IEnumerable<Hit> hits, int top) => hits
        .OrderByDescending(h => h.Similarity)
        .ThenBy(h => _experts[h.Ordinal].Id, StringComparer.Ordinal)
        .Take(top)
        .ToList();

    private static IndexedExpert Entry(Expert expert, SparseVector vector) =>
        new(expert.Id, expert.Name, expert.Kind, expert.Organization, expert.Available, vector);
}
