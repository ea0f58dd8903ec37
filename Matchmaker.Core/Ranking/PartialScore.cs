using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>
/// The score a first pass ranks candidates by: <c>TextWeight × cosine(query, expert)</c> plus a boost of
/// <c>FieldWeight × </c> the best of the expert's <paramref name="FieldScores"/> (by field id) and
/// <c>RegionWeight × </c> the region match (1 same city, 0.5 same province) and, where given, <paramref name="Extra"/>,
/// which must stay within [0, <paramref name="ExtraMax"/>]. Field and region are read from flat per-segment arrays,
/// so the boost of tens of thousands of candidates costs no pointer chasing; the bound on the boost is what lets a
/// search stop reading postings once no unseen expert can reach the top.
/// </summary>
public sealed record PartialScore(
    float TextWeight, float FieldWeight, float[] FieldScores, float RegionWeight, string? City, string? Province,
    Func<IndexedExpert, float>? Extra = null, float ExtraMax = 0)
{
    /// <summary>Text alone.</summary>
    public static PartialScore Text { get; } = new(1, 0, [], 0, null, null);

    /// <summary>The largest boost any expert can get.</summary>
    public float MaxBoost => FieldWeight * (FieldScores.Length == 0 ? 0 : FieldScores.Max())
        + (City is not null || Province is not null ? RegionWeight : 0) + (Extra is null ? 0 : ExtraMax);
}

/// <summary>
/// How much a search may read: <paramref name="Postings"/> postings entries; then the experts with the best partial
/// sums, <paramref name="Rescored"/> or <paramref name="PerResult"/> per result asked for (whichever is more), are
/// completed exactly. A search that needs no more than that is exact.
/// </summary>
public sealed record SearchLimits(long Postings, int Rescored, int PerResult)
{
    /// <summary>No limit: the answer equals scoring every expert (tests and accuracy checks).</summary>
    public static SearchLimits Exhaustive { get; } = new(long.MaxValue, int.MaxValue, 1);

    /// <summary>
    /// The ranker's limits: 50,000 postings (a fifth of a millisecond on one core), then at least 300 experts (2 per
    /// result) completed. At 100,000 experts, against exhaustive searches, the recommendations' top 10 kept 99.6 % of
    /// its experts and the same order for 344 of 348 problems, 12 % faster than with 100,000 postings (which kept
    /// 100 %); scripts/Matchmaker.Bench prints both figures.
    /// </summary>
    public static SearchLimits Default { get; } = new(Postings: 50_000, Rescored: 300, PerResult: 2);

    /// <summary>How many experts a search for <paramref name="k"/> results completes.</summary>
    public int RescoredFor(int k) => (int)Math.Min(int.MaxValue, Math.Max(Math.Max(Rescored, (long)PerResult * k), k));
}

/// <summary>An expert with its cosine to the query and its partial score.</summary>
public readonly record struct Scored(IndexedExpert Expert, float Whole, float Score);
