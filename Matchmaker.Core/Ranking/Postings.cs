using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>
/// An inverted index over unit vectors: for each term, the vectors holding it and their weights. A query's dot
/// products with every vector are accumulated term at a time, touching only vectors that share a term with it.
/// Immutable, so concurrent readers need no lock.
/// </summary>
public sealed class Postings
{
    private static readonly (int[] Ids, float[] Weights) None = ([], []);
    private readonly Dictionary<int, (int[] Ids, float[] Weights)> _byTerm;

    public Postings(IReadOnlyList<SparseVector> vectors)
    {
        Count = vectors.Count;
        var counts = new Dictionary<int, int>();
        foreach (var vector in vectors)
            foreach (var term in vector.Indices) counts[term] = counts.GetValueOrDefault(term) + 1;
        _byTerm = new Dictionary<int, (int[], float[])>(counts.Count);
        foreach (var (term, count) in counts) _byTerm[term] = (new int[count], new float[count]);
        var filled = new Dictionary<int, int>(counts.Count);
        for (var id = 0; id < vectors.Count; id++)
        {
            var vector = vectors[id];
            for (var k = 0; k < vector.Indices.Length; k++)
            {
                var term = vector.Indices[k];
                var (ids, weights) = _byTerm[term];
                var slot = filled.GetValueOrDefault(term);
                filled[term] = slot + 1;
                ids[slot] = id;
                weights[slot] = vector.Values[k];
            }
        }
    }

    /// <summary>Number of vectors indexed.</summary>
    public int Count { get; }

    /// <summary>Dot products of <paramref name="query"/> with every indexed vector (0 where no term is shared).</summary>
    public float[] Scores(SparseVector query)
    {
        var scores = new float[Count];
        Accumulate(query, scores);
        return scores;
    }

    /// <summary>Adds the dot products into <paramref name="scores"/> (at least <see cref="Count"/> long, zeroed by the caller).</summary>
    public void Accumulate(SparseVector query, float[] scores)
    {
        for (var k = 0; k < query.Indices.Length; k++)
        {
            var weight = query.Values[k];
            var (ids, weights) = _byTerm.GetValueOrDefault(query.Indices[k], None);
            for (var p = 0; p < ids.Length; p++) scores[ids[p]] += weight * weights[p];
        }
    }
}
