using System.Buffers;

namespace Matchmaker.Core.Text;

/// <summary>An L2-normalised TF-IDF vector: term indices in ascending order with their weights.</summary>
public sealed record SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector Empty { get; } = new([], []);

    public bool IsEmpty => Indices.Length == 0;

    public SparseVector Scale(double factor) => new(Indices, Values.Select(v => (float)(v * factor)).ToArray());

    /// <summary>Cosine similarity of two L2-normalised vectors, by merging the sorted index lists.</summary>
    public float Dot(SparseVector other)
    {
        float sum = 0;
        int i = 0, j = 0;
        while (i < Indices.Length && j < other.Indices.Length)
        {
            var a = Indices[i];
            var b = other.Indices[j];
            if (a == b) sum += Values[i++] * other.Values[j++];
            else if (a < b) i++;
            else j++;
        }
        return sum;
    }
}

/// <summary>Sums of sparse vectors (an expert's counts are the sum of its documents' counts).</summary>
public static class SparseVectors
{
    // Above this many entries a dense scratch array beats sorting the concatenation (fields pool thousands of experts).
    private const int DenseFrom = 1 << 14;

    // Up to this many vectors (an expert's documents, the feedback's peers) a merge of their heads beats sorting.
    private const int MergedUpTo = 8;

    public static SparseVector Sum(IEnumerable<SparseVector> vectors)
    {
        var list = vectors as IReadOnlyList<SparseVector> ?? vectors.ToList();
        var total = 0;
        var size = 0;
        foreach (var vector in list)
        {
            total += vector.Indices.Length;
            if (vector.Indices.Length > 0) size = Math.Max(size, vector.Indices[^1] + 1);
        }
        if (total == 0) return SparseVector.Empty;
        return total >= DenseFrom ? DenseSum(list, size) : list.Count <= MergedUpTo ? MergeFew(list, total) : MergeSum(list, total);
    }

    /// <summary>The unit-length sum of unit vectors: the centroid direction of a group (e.g. all experts of a field).</summary>
    public static SparseVector Centroid(IEnumerable<SparseVector> vectors)
    {
        var sum = Sum(vectors);
        var norm = Norm(sum);
        if (norm == 0) return SparseVector.Empty;
        var scale = 1 / norm;
        var values = new float[sum.Values.Length];
        for (var k = 0; k < values.Length; k++) values[k] = (float)(sum.Values[k] * scale);
        return new SparseVector(sum.Indices, values);
    }

    /// <summary>The Euclidean length of <paramref name="vector"/>, summed in double.</summary>
    public static double Norm(SparseVector vector)
    {
        double squares = 0;
        foreach (var value in vector.Values) squares += (double)value * value;
        return Math.Sqrt(squares);
    }

    // The vectors' sorted indices walked side by side: each index's values are added in the order of the vectors.
    private static SparseVector MergeFew(IReadOnlyList<SparseVector> list, int total)
    {
        var vectors = list as SparseVector[] ?? [.. list];
        Span<int> at = stackalloc int[vectors.Length];
        var indices = new int[total];
        var values = new float[total];
        var n = 0;
        while (true)
        {
            var next = int.MaxValue;
            for (var v = 0; v < vectors.Length; v++)
                if (at[v] < vectors[v].Indices.Length) next = Math.Min(next, vectors[v].Indices[at[v]]);
            if (next == int.MaxValue) break;
            var sum = 0f;
            for (var v = 0; v < vectors.Length; v++)
            {
                var vector = vectors[v];
                if (at[v] < vector.Indices.Length && vector.Indices[at[v]] == next) sum += vector.Values[at[v]++];
            }
            indices[n] = next;
            values[n++] = sum;
        }
        return n == total ? new SparseVector(indices, values) : new SparseVector(indices[..n], values[..n]);
    }

    private static SparseVector MergeSum(IReadOnlyList<SparseVector> list, int total)
    {
        var indices = new int[total];
        var values = new float[total];
        var at = 0;
        foreach (var vector in list)
        {
            vector.Indices.CopyTo(indices, at);
            vector.Values.CopyTo(values, at);
            at += vector.Indices.Length;
        }
        if (list.Count > 1) Array.Sort(indices, values);
        // Equal indices are now adjacent: fold them (Array.Sort is not stable, so their order of addition may differ
        // from the input's, which changes only the rounding).
        var n = 0;
        for (var k = 0; k < total; k++)
        {
            if (n > 0 && indices[n - 1] == indices[k]) values[n - 1] += values[k];
            else
            {
                indices[n] = indices[k];
                values[n] = values[k];
                n++;
            }
        }
        return n == total ? new SparseVector(indices, values) : new SparseVector(indices[..n], values[..n]);
    }

    private static SparseVector DenseSum(IReadOnlyList<SparseVector> list, int size)
    {
        var dense = ArrayPool<float>.Shared.Rent(size);
        var seen = ArrayPool<bool>.Shared.Rent(size);
        try
        {
            Array.Clear(dense, 0, size);
            Array.Clear(seen, 0, size);
            var distinct = 0;
            foreach (var vector in list)
                for (var k = 0; k < vector.Indices.Length; k++)
                {
                    var index = vector.Indices[k];
                    if (!seen[index])
                    {
                        seen[index] = true;
                        distinct++;
                    }
                    dense[index] += vector.Values[k];
                }
            var indices = new int[distinct];
            var values = new float[distinct];
            var n = 0;
            for (var index = 0; index < size; index++)
            {
                if (!seen[index]) continue;
                indices[n] = index;
                values[n++] = dense[index];
            }
            return new SparseVector(indices, values);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(dense);
            ArrayPool<bool>.Shared.Return(seen);
        }
    }
}
