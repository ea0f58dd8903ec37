namespace Matchmaker.Core.Ranking;

/// <summary>Order statistics without sorting.</summary>
internal static class Selection
{
    /// <summary>The <paramref name="k"/>-th largest value of <paramref name="values"/> (1-based), by quickselect in O(n).</summary>
    public static float Largest(float[] values, int k)
    {
        var a = (float[])values.Clone();
        int left = 0, right = a.Length - 1, target = k - 1;
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
