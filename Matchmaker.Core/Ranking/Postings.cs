using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>
/// An inverted index over unit vectors: for each term, the vectors holding it and their weights, in one flat array
/// per column (term ids are dense, so an offset table replaces a dictionary) with the largest weight of each term
/// kept for top-k pruning. Immutable, so concurrent readers need no lock.
/// </summary>
public sealed class Postings
{
    private readonly int[] _offsets; // term t's postings are [_offsets[t], _offsets[t + 1])
    private readonly int[] _ids;
    private readonly float[] _weights;
    private readonly float[] _maxWeight;

    public Postings(IReadOnlyList<SparseVector> vectors)
    {
        Count = vectors.Count;
        var terms = 0;
        foreach (var vector in vectors)
            if (vector.Indices.Length > 0) terms = Math.Max(terms, vector.Indices[^1] + 1);
        _offsets = new int[terms + 1];
        foreach (var vector in vectors)
            foreach (var term in vector.Indices) _offsets[term + 1]++;
        for (var t = 0; t < terms; t++) _offsets[t + 1] += _offsets[t];
        _ids = new int[_offsets[terms]];
        _weights = new float[_ids.Length];
        _maxWeight = new float[terms];
        var next = _offsets[..terms];
        for (var id = 0; id < vectors.Count; id++)
        {
            var vector = vectors[id];
            for (var k = 0; k < vector.Indices.Length; k++)
            {
                var term = vector.Indices[k];
                var slot = next[term]++;
                _ids[slot] = id;
                _weights[slot] = vector.Values[k];
                _maxWeight[term] = Math.Max(_maxWeight[term], vector.Values[k]);
            }
        }
    }

    /// <summary>Number of vectors indexed.</summary>
    public int Count { get; }

    /// <summary>One more than the largest term id any vector holds.</summary>
    public int Terms => _maxWeight.Length;

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
            var term = query.Indices[k];
            if (term >= _maxWeight.Length) continue;
            var weight = query.Values[k];
            // Over spans, so the JIT need not reload the arrays and check both bounds per posting: the field scores of
            // a query that feedback grew to 500 terms are 10 % of a ranking. The order of the sums is unchanged.
            var start = _offsets[term];
            var length = _offsets[term + 1] - start;
            var ids = _ids.AsSpan(start, length);
            var weights = _weights.AsSpan(start, length);
            for (var p = 0; p < ids.Length; p++) scores[ids[p]] += weight * weights[p];
        }
    }

    /// <summary>Number of vectors holding <paramref name="term"/>.</summary>
    public int Length(int term) => term < _maxWeight.Length ? _offsets[term + 1] - _offsets[term] : 0;

    /// <summary>The largest weight any vector gives <paramref name="term"/> (0 for a term no vector holds).</summary>
    internal float MaxWeight(int term) => term < _maxWeight.Length ? _maxWeight[term] : 0;

    /// <summary>Adds <paramref name="weight"/> times term <paramref name="term"/>'s postings into the accumulator.</summary>
    internal void Accumulate(int term, float weight, Accumulator into)
    {
        var start = _offsets[term];
        var length = _offsets[term + 1] - start;
        into.Add(_ids.AsSpan(start, length), _weights.AsSpan(start, length), weight);
    }
}
