using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>
/// Scores of the vectors a query has touched so far, the list of those touched, and a cache of each one's boost;
/// reusable per thread.
/// </summary>
internal sealed class Accumulator
{
    private float[] _scores = [];
    private int[] _touched = [];
    private (int Stamp, float Value)[] _boosts = []; // _boosts[id].Value is this query's when its stamp is _stamp (one cache line for both)
    private int _stamp;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Touched => _touched.AsSpan(0, Count);

    public float this[int id] => _scores[id];

    /// <summary>Empties the accumulator and makes room for ids below <paramref name="size"/>.</summary>
    public void Reset(int size)
    {
        for (var i = 0; i < Count; i++) _scores[_touched[i]] = 0;
        Count = 0;
        _stamp++;
        if (_scores.Length < size)
        {
            _scores = new float[size];
            _touched = new int[size + 1]; // one more: the branch-free Add writes past the last expert touched
            _boosts = new (int, float)[size];
        }
    }

    /// <summary>Adds <paramref name="weight"/> × <paramref name="values"/> to the scores of <paramref name="ids"/>: one term's postings.</summary>
    public void Add(ReadOnlySpan<int> ids, ReadOnlySpan<float> values, float weight)
    {
        // The hottest loop of a search, with the arrays and the count in locals. Each score gets its terms added in the
        // same order as before, so the sums are the same to the bit.
        var scores = _scores;
        var touched = _touched;
        var count = Count;
        for (var p = 0; p < ids.Length; p++)
        {
            var id = ids[p];
            var score = scores[id];
            // Weights are positive, so a zero score means "not touched yet". Without a branch: whether an expert is
            // new is a coin toss the CPU mispredicts; the id is written always and kept only when new (this halved
            // the feedback pass's reading of 13,000 postings, 0.085 to 0.046 ms).
            touched[count] = id;
            count += score == 0 ? 1 : 0;
            scores[id] = score + weight * values[p];
        }
        Count = count;
    }

    /// <summary><paramref name="boost"/> of <paramref name="id"/>, computed once per query.</summary>
    public float Boost(int id, Func<int, float> boost)
    {
        ref var slot = ref _boosts[id];
        if (slot.Stamp != _stamp) slot = (_stamp, boost(id));
        return slot.Value;
    }
}

/// <summary>
/// A few of the experts seen with the best lower bounds, from which a search takes its threshold: the k-th best of
/// any subset of the experts seen is a lower bound of the k-th best of all. Each check looks at the members and at
/// the experts seen since the last check (those whose text alone leaves them a chance), never at all of them again.
/// </summary>
internal sealed class Elite(int capacity)
{
    private int[] _members = []; // ordinals of the members, the first _count of them
    private float[] _values = []; // their lower bounds at the last check
    private int _count;
    private int _seen; // how much of the touched list has been looked at

    public int Capacity => capacity;

    /// <summary>The <paramref name="rank"/>-th largest lower bound among the members at the last check (negative infinity if fewer).</summary>
    public float Largest(int rank) => _count < rank ? float.NegativeInfinity : Selection.Largest(_values, _count, rank);

    /// <summary>The k-th largest lower bound (text weight × partial sum + boost) among the members, after taking in the experts seen since the last check.</summary>
    public float Threshold(Accumulator accumulator, float textWeight, Func<int, float> boost, float maxBoost, float threshold, int k)
    {
        var touched = accumulator.Touched;
        var most = _count + touched.Length - _seen;
        var scratch = RankingScratch.Current;
        var ordinals = scratch.Ordinals(most);
        var values = scratch.Values(most);
        var count = 0;
        for (var m = 0; m < _count; m++) ordinals[count++] = _members[m];
        // (Once a threshold is known it is the better filter, and the selection would only cost.)
        var floor = float.IsNegativeInfinity(threshold) ? Opening(accumulator, textWeight, maxBoost) : threshold;
        for (var c = _seen; c < touched.Length; c++)
            if (textWeight * accumulator[touched[c]] + maxBoost >= floor - Segment.Slack) ordinals[count++] = touched[c];
        _seen = touched.Length;
        for (var m = 0; m < count; m++) values[m] = textWeight * accumulator[ordinals[m]] + accumulator.Boost(ordinals[m], boost);
        // One partition puts the capacity best first, the members to keep; the k-th best is among them.
        var top = Math.Min(count, capacity);
        if (count > capacity) Selection.PartitionLargest(values, ordinals, count, capacity);
        var kth = count < k ? float.NegativeInfinity : Selection.PartitionLargest(values, ordinals, top, k);
        if (_members.Length < top)
        {
            _members = new int[Math.Min(Math.Max(top, 64), capacity)];
            _values = new float[_members.Length];
        }
        // (Ineligible experts, at negative infinity, are never kept.)
        var kept = 0;
        for (var m = 0; m < top; m++)
        {
            if (float.IsNegativeInfinity(values[m])) continue;
            _members[kept] = ordinals[m];
            _values[kept++] = values[m];
        }
        _count = kept;
        return kth;
    }

    // Boosts cost random reads, so of the many experts seen before the first check only those whose text leaves them
    // a chance get one: with at least capacity of them reaching the capacity-th best text (their boosts are not
    // negative), an expert below it by more than the largest boost cannot be among the capacity best.
    private float Opening(Accumulator accumulator, float textWeight, float maxBoost)
    {
        var touched = accumulator.Touched;
        var fresh = touched.Length - _seen;
        if (fresh <= capacity) return float.NegativeInfinity;
        var texts = RankingScratch.Current.Texts(fresh);
        for (var c = 0; c < fresh; c++) texts[c] = textWeight * accumulator[touched[_seen + c]];
        return Selection.LargestInPlace(texts, fresh, capacity) - maxBoost;
    }
}

/// <summary>A query vector scattered into a dense array, so its dot product with a sparse vector costs that vector's length.</summary>
internal sealed class DenseQuery
{
    private float[] _values = [];
    private int[] _set = [];
    private int _count;

    /// <summary>Empties the array and makes room for terms below <paramref name="size"/>.</summary>
    public void Reset(int size)
    {
        for (var i = 0; i < _count; i++) _values[_set[i]] = 0;
        _count = 0;
        if (_values.Length < size)
        {
            _values = new float[size];
            _set = new int[size];
        }
    }

    /// <summary>Sets a term's weight (each term at most once between resets).</summary>
    public void Set(int term, float weight)
    {
        _values[term] = weight;
        _set[_count++] = term;
    }

    public void SetAll(SparseVector query)
    {
        for (var k = 0; k < query.Indices.Length; k++) Set(query.Indices[k], query.Values[k]);
    }

    /// <summary>The dot product with <paramref name="vector"/>, summed in index order (so equal to <see cref="SparseVector.Dot"/>).</summary>
    public float Dot(SparseVector vector)
    {
        float sum = 0;
        var values = _values;
        var indices = vector.Indices;
        for (var k = 0; k < indices.Length; k++)
        {
            var term = indices[k];
            if ((uint)term < (uint)values.Length) sum += values[term] * vector.Values[k];
        }
        return sum;
    }
}

/// <summary>Buffers of one ranking, one set per thread (ranking never awaits), so a query on a large index allocates no large array.</summary>
internal sealed class RankingScratch
{
    [ThreadStatic] private static RankingScratch? _current;

    public static RankingScratch Current => _current ??= new();

    public Accumulator Accumulator { get; } = new();

    /// <summary>The query terms a pruned search has not read through postings.</summary>
    public DenseQuery Rest { get; } = new();

    /// <summary>The whole query, for the features of the shortlist.</summary>
    public DenseQuery Query { get; } = new();

    /// <summary>A search's query terms with their bounds (<see cref="ForTerms"/> sizes them).</summary>
    public (int Term, float Weight, float Bound)[] Terms { get; private set; } = [];

    /// <summary>A search's sort keys of its terms (one per term).</summary>
    public ulong[] Order { get; private set; } = [];

    /// <summary>Per term i of a search, the most terms i.. can add to one expert's cosine (one slot more than terms).</summary>
    public double[] Reach { get; private set; } = new double[1];

    /// <summary>Per term i of a search, the postings of terms i.. (one slot more than terms).</summary>
    public long[] Unread { get; private set; } = new long[1];

    /// <summary>A search's pool of experts to complete (<see cref="Segment"/>'s Pool), cleared by each search that fills it.</summary>
    public List<(Scored Scored, int Ordinal)> Pool { get; } = [];

    private float[] _texts = [];
    private float[] _values = [];
    private int[] _ordinals = [];

    /// <summary>
    /// At least <paramref name="count"/> floats to select from (the pool's and the elite's opening cuts, a final cut),
    /// the caller's until its next call; a pool rented per selection cost more than the selection over a few hundred.
    /// </summary>
    public float[] Texts(int count) => Grown(ref _texts, count);

    /// <summary>The elite's lower bounds, as <see cref="Texts"/>.</summary>
    public float[] Values(int count) => Grown(ref _values, count);

    /// <summary>The elite's ordinals, beside <see cref="Values"/>.</summary>
    public int[] Ordinals(int count) => Grown(ref _ordinals, count);

    private static T[] Grown<T>(ref T[] buffer, int count) =>
        buffer.Length >= count ? buffer : buffer = new T[Math.Max(count, 2 * buffer.Length)];

    /// <summary>Makes room for the terms of a query of <paramref name="count"/> terms.</summary>
    public void ForTerms(int count)
    {
        if (Terms.Length >= count) return;
        var size = Math.Max(count, 2 * Terms.Length);
        Terms = new (int, float, float)[size];
        Order = new ulong[size];
        Reach = new double[size + 1];
        Unread = new long[size + 1];
    }
}
