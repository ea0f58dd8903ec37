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
    public static SparseVector Sum(IEnumerable<SparseVector> vectors)
    {
        var sum = new SortedDictionary<int, float>();
        foreach (var vector in vectors)
            for (var k = 0; k < vector.Indices.Length; k++)
                sum[vector.Indices[k]] = sum.GetValueOrDefault(vector.Indices[k]) + vector.Values[k];
        return sum.Count == 0 ? SparseVector.Empty : new SparseVector([.. sum.Keys], [.. sum.Values]);
    }

    /// <summary>The unit-length sum of unit vectors: the centroid direction of a group (e.g. all experts of a field).</summary>
    public static SparseVector Centroid(IEnumerable<SparseVector> vectors)
    {
        var sum = Sum(vectors);
        var norm = Math.Sqrt(sum.Values.Sum(v => (double)v * v));
        return norm == 0 ? SparseVector.Empty : new SparseVector(sum.Indices, sum.Values.Select(v => (float)(v / norm)).ToArray());
    }
}
