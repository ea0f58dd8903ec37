namespace Matchmaker.Core.Text;

/// <summary>An L2-normalised TF-IDF vector: term indices in ascending order with their weights.</summary>
public sealed record SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector Empty { get; } = new([], []);

    public bool IsEmpty => Indices.Length == 0;

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
