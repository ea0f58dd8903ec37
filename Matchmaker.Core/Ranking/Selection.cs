namespace Matchmaker.Core.Ranking;

/// <summary>Order statistics without sorting.</summary>
internal static class Selection
{
    /// <summary>
    /// The <paramref name="k"/>-th largest of the first <paramref name="count"/> values (1-based), by quickselect in
    /// O(n), reordering them: for a scratch array the caller fills only to select from.
    /// </summary>
    public static float LargestInPlace(float[] values, int count, int k) => Select(values, count, k);

    /// <summary>The <paramref name="k"/>-th largest of the first <paramref name="count"/> values (1-based), by quickselect in O(n).</summary>
    public static float Largest(float[] values, int count, int k)
    {
        var a = System.Buffers.ArrayPool<float>.Shared.Rent(count);
        try
        {
            Array.Copy(values, a, count);
            return Select(a, count, k);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(a);
        }
    }

    /// <summary>
    /// Reorders the first <paramref name="count"/> values, and <paramref name="ids"/> with them, so that the
    /// <paramref name="k"/> largest come first (in no particular order); returns the k-th largest.
    /// </summary>
    public static float PartitionLargest(float[] values, int[] ids, int count, int k) => Select(values, count, k, ids);

    // Quickselect (Hoare partitions): on return, the values before the target are at least it and those after at most.
    private static float Select(float[] a, int count, int k, int[]? ids = null)
    {
        int left = 0, right = count - 1, target = k - 1;
        while (left < right)
        {
            var pivot = a[left + (right - left) / 2];
            int i = left, j = right;
            while (i <= j)
            {
                while (a[i] > pivot) i++;
                while (a[j] < pivot) j--;
                if (i > j) break;
                (a[i], a[j]) = (a[j], a[i]);
                if (ids is not null) (ids[i], ids[j]) = (ids[j], ids[i]);
                i++;
                j--;
            }
            if (target <= j) right = j;
            else if (target >= i) left = i;
            else return a[target];
        }
        return a[target];
    }
}
