namespace Matchmaker.Core.Text;

/// <summary>
/// Turns term counts into unit-length vectors weighted (1 + ln tf) · ln(N / df). The sublinear term frequency keeps
/// a term repeated in a long abstract from drowning the others; evaluated against raw TF-IDF on data/eval and
/// csl-dev (see the README), it ranks better on both. Document frequencies are counted per expert.
/// </summary>
public sealed class TermWeights
{
    private readonly float[] _idf;

    private TermWeights(float[] idf) => _idf = idf;

    /// <summary>IDF from the term counts of each unit of the corpus (one vector per expert).</summary>
    public static TermWeights FromCounts(IEnumerable<SparseVector> units, int vocabularySize)
    {
        var df = new int[vocabularySize];
        var n = 0;
        foreach (var unit in units)
        {
            n++;
            foreach (var term in unit.Indices) df[term]++;
        }
        // A term no unit has (only possible for a refitted vocabulary) gets the weight of the rarest term.
        var idf = df.Select(d => (float)Math.Log((n + 1.0) / Math.Max(d, 1) )).ToArray();
        return new TermWeights(idf);
    }

    /// <summary>The weighted, L2-normalised vector of <paramref name="counts"/>.</summary>
    public SparseVector Weigh(SparseVector counts) => Weigh(counts, new float[counts.Values.Length]);

    /// <summary>
    /// Weighs <paramref name="counts"/> in place and returns it (or the empty vector): for counts nobody else holds,
    /// such as an index build's, which would otherwise keep a second copy of every value while it runs.
    /// </summary>
    public SparseVector WeighInPlace(SparseVector counts) => Weigh(counts, counts.Values);

    private SparseVector Weigh(SparseVector counts, float[] values)
    {
        if (counts.IsEmpty) return SparseVector.Empty;
        double norm = 0;
        for (var k = 0; k < values.Length; k++)
        {
            var term = counts.Indices[k];
            values[k] = (float)((1 + Math.Log(counts.Values[k])) * (term < _idf.Length ? _idf[term] : 0));
            norm += values[k] * values[k];
        }
        if (norm == 0) return SparseVector.Empty;
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var k = 0; k < values.Length; k++) values[k] *= scale;
        return new SparseVector(counts.Indices, values);
    }
}
