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
/// How much a search may read: <paramref name="Postings"/> postings entries or <paramref name="Share"/> of the
/// postings of the query's terms, whichever is more; then the experts with the best partial sums,
/// <paramref name="Rescored"/>, <paramref name="PerResult"/> per result asked for or <paramref name="PerThousandExperts"/>
/// per thousand experts searched (whichever is most), are completed exactly. A search that needs no more than that is
/// exact.
/// </summary>
/// <remarks>
/// A fixed number of postings is a different share of a query on different corpora: where the query's terms are
/// common (a small vocabulary, long postings) it covers only the first few terms, and partial sums that poor send
/// the feedback to the wrong peers. A share of the query's own postings adapts to the query and the index. Likewise
/// the experts whose partial sums lie close to the cut grow in number with the index, so the pool completed grows
/// with it.
/// </remarks>
public sealed record SearchLimits(long Postings, int Rescored, int PerResult, double Share = 0, double PerThousandExperts = 0)
{
    /// <summary>No limit: the answer equals scoring every expert (tests and accuracy checks).</summary>
    public static SearchLimits Exhaustive { get; } = new(long.MaxValue, int.MaxValue, 1);

    /// <summary>
    /// The ranker's limits: 50,000 postings or a quarter of the query's, then at least 150 experts (2 per result, 3 per
    /// thousand experts) completed. scripts/Matchmaker.Bench prints how often the recommendations' top 10 agree with
    /// exhaustive searches on both of its corpora (the README quotes them): a quarter lifted the Zipf corpus at 100,000
    /// experts from 87 % to 99 % of the exhaustive top 10 while costing the demo-derived one no time; completing 150
    /// rather than 300 at 10,000 experts kept 100 % on both and made a ranking a fifth cheaper there, while at 100,000
    /// experts it lost a point (99.0 → 98.3 % on the Zipf corpus), hence the pool that grows with the index.
    /// </summary>
    public static SearchLimits Default { get; } = new(Postings: 50_000, Rescored: 150, PerResult: 2, Share: 0.25, PerThousandExperts: 3);

    /// <summary>The postings a search may read, of a query whose terms have <paramref name="postings"/> in all.</summary>
    public long BudgetFor(long postings) => Math.Max(Postings, (long)(Share * postings));

    /// <summary>How many experts a search for <paramref name="k"/> results among <paramref name="experts"/> completes.</summary>
    public int RescoredFor(int k, int experts) => (int)Math.Min(int.MaxValue,
        Math.Max(Math.Max(Rescored, (long)PerResult * k), Math.Max(k, (long)(PerThousandExperts * experts / 1000))));
}

/// <summary>An expert with its cosine to the query and its partial score.</summary>
public readonly record struct Scored(IndexedExpert Expert, float Whole, float Score);
