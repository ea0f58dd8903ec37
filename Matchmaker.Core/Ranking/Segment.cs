using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>
/// Experts of one part of an <see cref="ExpertIndex"/>: the main segment, with postings, or the segment of recent
/// changes, which is scanned while it is small. Immutable.
/// </summary>
internal sealed class Segment
{
    private readonly Dictionary<string, int> _ordinals;

    // Postings read between two threshold checks, per elite member: a check then costs a small share of the reading,
    // and the search stops at most that many postings late.
    private const int CheckEvery = 32;

    // What the boost reads, by ordinal, packed so that one expert's facts share a cache line: a search computes boosts
    // for thousands of experts in no particular order, and separate arrays cost a miss each.
    private readonly BoostFacts[] _facts;
    private readonly int[] _fieldIds; // expert i's field ids are _fieldIds[_facts[i].FieldStart ..][.. _facts[i].FieldCount]
    private readonly Dictionary<string, int> _places = new(StringComparer.Ordinal);

    private readonly record struct BoostFacts(int FieldStart, ushort FieldCount, bool Available, int City, int Province);

    public Segment(IndexedExpert[] experts, bool withPostings)
    {
        Experts = experts;
        _ordinals = new Dictionary<string, int>(experts.Length, StringComparer.Ordinal);
        for (var i = 0; i < experts.Length; i++) _ordinals[experts[i].Id] = i;
        Postings = withPostings ? new Postings(experts.Select(e => e.Whole).ToList()) : null;
        _fieldIds = experts.SelectMany(e => e.FieldIds).ToArray();
        _facts = new BoostFacts[experts.Length];
        for (int i = 0, start = 0; i < experts.Length; start += experts[i].FieldIds.Length, i++)
            _facts[i] = new BoostFacts(start, (ushort)Math.Min(experts[i].FieldIds.Length, ushort.MaxValue), experts[i].Available,
                Place(experts[i].City), Place(experts[i].Province));
    }

    private int Place(string? name)
    {
        if (name is null) return -1;
        if (!_places.TryGetValue(name, out var id)) _places[name] = id = _places.Count;
        return id;
    }

    // The boost of PartialScore for one expert; negative infinity for an expert that may not be proposed.
    private float Boost(int ordinal, PartialScore score, int city, int province, HashSet<int>? hidden)
    {
        ref readonly var facts = ref _facts[ordinal];
        if (!facts.Available || !Visible(ordinal, hidden)) return float.NegativeInfinity;
        var boost = 0f;
        if (score.FieldWeight > 0)
        {
            var best = 0f;
            foreach (var field in _fieldIds.AsSpan(facts.FieldStart, facts.FieldCount)) best = Math.Max(best, score.FieldScores[field]);
            boost += score.FieldWeight * best;
        }
        if (score.RegionWeight > 0)
        {
            if (city >= 0 && facts.City == city) boost += score.RegionWeight;
            else if (province >= 0 && facts.Province == province) boost += score.RegionWeight / 2;
        }
        if (score.Extra is not null) boost += score.Extra(Experts[ordinal]);
        return boost;
    }

    // The problem's city and province as this segment's place ids (-1: none, or none of its experts is there).
    private (int City, int Province) Places(PartialScore score) =>
        (score.City is not null && _places.TryGetValue(score.City, out var c) ? c : -1,
         score.Province is not null && _places.TryGetValue(score.Province, out var p) ? p : -1);

    public static Segment Empty { get; } = new([], withPostings: false);

    public IndexedExpert[] Experts { get; }

    /// <summary>Inverted postings of the whole-text vectors; null for a segment that is scanned.</summary>
    public Postings? Postings { get; }

    public int? OrdinalOf(string id) => _ordinals.TryGetValue(id, out var ordinal) ? ordinal : null;

    private bool Eligible(int ordinal, HashSet<int>? hidden) => _facts[ordinal].Available && Visible(ordinal, hidden);

    private static bool Visible(int ordinal, HashSet<int>? hidden) => hidden is null || hidden.Count == 0 || !hidden.Contains(ordinal);

    /// <summary>
    /// The <paramref name="k"/> eligible experts with the highest <paramref name="score"/> among those sharing a term
    /// with <paramref name="query"/>, best first (ties by position). Exact when the query's postings fit the budget
    /// of <paramref name="limits"/> (<see cref="SearchLimits.BudgetFor"/>); otherwise the best of the experts its
    /// heaviest postings put first, completed exactly.
    /// </summary>
    /// <remarks>
    /// MaxScore, term at a time: terms are read in decreasing order of the most they can add to any expert. A query
    /// whose postings fit the budget is read whole: cheaper than completing the many experts an early stop leaves
    /// open. A longer one (feedback adds hundreds of faint terms) stops at the budget, or earlier once the terms left
    /// could not lift an expert not yet seen (plus the largest boost) to the k-th best lower bound so far. The experts
    /// with the best partial sums, as many as the limits allow, then get the rest of their cosine from their own
    /// vectors. The long postings of common terms (character bigrams above all) come last and are mostly never read.
    /// </remarks>
    public List<Scored> Top(SparseVector query, PartialScore score, int k, HashSet<int>? hidden, SearchLimits limits)
    {
        if (Experts.Length == 0 || k <= 0) return [];
        if (Postings is null) return Scan(query, score, k, hidden);

        var scratch = RankingScratch.Current;
        scratch.ForTerms(query.Indices.Length);
        var (all, order, rest, unread) = (scratch.Terms, scratch.Order, scratch.Reach, scratch.Unread);
        // Terms by decreasing bound, ties by term: one key per term (the bound's bits, which order positive floats,
        // inverted, above the term's position in the query, whose indices ascend) sorted as plain numbers, which
        // costs a fraction of a sort of tuples through a comparison (hundreds of terms after feedback).
        var count = 0;
        for (var i = 0; i < query.Indices.Length; i++)
        {
            var bound = query.Values[i] * Postings.MaxWeight(query.Indices[i]);
            if (bound > 0) order[count++] = (ulong)~BitConverter.SingleToUInt32Bits(bound) << 32 | (uint)i;
        }
        Array.Sort(order, 0, count);
        for (var j = 0; j < count; j++)
        {
            // The key holds the bound (its bits inverted) above the term's position: both read back rather than computed again.
            var i = (int)(uint)order[j];
            all[j] = (query.Indices[i], query.Values[i], BitConverter.UInt32BitsToSingle(~(uint)(order[j] >> 32)));
        }
        var terms = all.AsSpan(0, count);
        // rest[i]: the most terms i.. can add to one expert's cosine; unread[i]: the postings of terms i..
        rest[count] = 0;
        unread[count] = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            rest[i] = rest[i + 1] + terms[i].Bound;
            unread[i] = unread[i + 1] + Postings.Length(terms[i].Term);
        }

        var accumulator = scratch.Accumulator;
        accumulator.Reset(Experts.Length);
        var (city, province) = Places(score);
        var maxBoost = score.MaxBoost;
        Func<int, float> boost = ordinal => Boost(ordinal, score, city, province, hidden);
        var size = limits.RescoredFor(k, Experts.Length);
        var budget = limits.BudgetFor(unread[0]);
        var threshold = float.NegativeInfinity; // a lower bound of the k-th best score
        // At least as many members as the pool to complete, so that the last check's elite gives the pool's cut and
        // spares a selection over every expert seen (a third of the final search's time at 10,000 experts).
        var elite = new Elite(Math.Max(Math.Max(4 * k, 64), size));
        var stop = terms.Length;
        long read = 0, sinceCheck = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var reach = score.TextWeight * rest[i] + maxBoost; // the most an expert not seen yet can score
            var length = Postings.Length(terms[i].Term);
            // The budget ends the reading only once enough experts have been seen to fill the pool to complete.
            if (read + length > budget && accumulator.Count >= size)
            {
                stop = i;
                break;
            }
            // While the rest fits in the budget, reading it is cheaper than completing the many experts a stop
            // leaves open (and exact): the threshold matters only for a query whose postings do not fit.
            if (read + unread[i] > budget)
            {
                if (reach + Slack < threshold)
                {
                    stop = i;
                    break;
                }
                // The k-th best of any subset of the experts seen is a lower bound of the k-th best: the threshold
                // is taken from a small elite, so a check costs about its size, not the experts seen, and checks come
                // only every CheckEvery × its size postings.
                if (accumulator.Count >= k && sinceCheck >= CheckEvery * elite.Capacity)
                {
                    threshold = Math.Max(threshold, elite.Threshold(accumulator, score.TextWeight, boost, maxBoost, threshold, k));
                    sinceCheck = 0;
                    if (reach + Slack < threshold)
                    {
                        stop = i;
                        break;
                    }
                }
            }
            Postings.Accumulate(terms[i].Term, terms[i].Weight, accumulator);
            read += length;
            sinceCheck += length;
        }
        var left = stop < terms.Length ? score.TextWeight * rest[stop] : 0;
        // Read to the end, the partial sums are the cosines: the k best need no completing, so the pool is those k
        // (a pool of the size to complete cost the feedback pass, k = 5 from 300, boosts and a cut over thousands).
        var exact = stop == terms.Length;
        // A last check takes in the experts seen since the previous one; the elite's size-th best then bounds from
        // below the lower bounds of the pool, which spares a selection over every expert seen.
        var known = float.NegativeInfinity;
        if (!exact && accumulator.Count >= k && size <= elite.Capacity)
        {
            threshold = Math.Max(threshold, elite.Threshold(accumulator, score.TextWeight, boost, maxBoost, threshold, k));
            known = elite.Largest(size);
        }
        var pool = Pool(accumulator, score.TextWeight, boost, maxBoost, threshold - left, exact ? k : size, known, hidden);
        if (!exact)
        {
            // The rest of each candidate's cosine: the unread terms scattered into a dense array once and each
            // candidate's vector walked against it, one predictable pass over its entries (a binary search per
            // unread term cost more, even for a few dozen terms).
            scratch.Rest.Reset(Postings.Terms);
            foreach (var term in terms[stop..]) scratch.Rest.Set(term.Term, term.Weight);
            for (var c = 0; c < pool.Count; c++)
            {
                var (lower, ordinal) = pool[c];
                var more = scratch.Rest.Dot(lower.Expert.Whole);
                pool[c] = (lower with { Whole = lower.Whole + more, Score = lower.Score + score.TextWeight * more }, ordinal);
            }
        }
        var best = Best(pool, k);
        // The kept list lets go of the experts, which may belong to an index that a refit replaces.
        scratch.Pool.Clear();
        return best;
    }

    // Filters on sums of floats keep experts this close to a bound: being more inclusive is always safe.
    internal const float Slack = 1e-5f;

    /// <summary>
    /// The (at most) <paramref name="size"/> experts seen with the best lower bounds (text weight × partial sum + boost)
    /// of at least <paramref name="floor"/>. Boosts cost a few random reads each, so they are computed only for experts
    /// whose text alone brings them within the largest boost of the size-th best text.
    /// </summary>
    /// <remarks><paramref name="known"/>: a value at least <paramref name="size"/> experts seen are known to reach (or negative infinity).</remarks>
    private List<(Scored Scored, int Ordinal)> Pool(Accumulator accumulator, float textWeight, Func<int, float> boost,
        float maxBoost, double floor, int size, float known, HashSet<int>? hidden)
    {
        var touched = accumulator.Touched;
        // An expert whose text plus the largest boost stays below what size others reach cannot be among the best:
        // what they reach is known from the elite, or found by a selection over the texts of all experts seen.
        var reached = known;
        if (float.IsNegativeInfinity(reached) && touched.Length > size)
        {
            var texts = RankingScratch.Current.Texts(touched.Length);
            // Experts that may not be proposed are left out here already, so that size of the others reach the cut.
            for (var c = 0; c < touched.Length; c++)
                texts[c] = Eligible(touched[c], hidden) ? textWeight * accumulator[touched[c]] : float.NegativeInfinity;
            reached = Selection.LargestInPlace(texts, touched.Length, size);
        }
        // Nor can one whose lower bound, boost included, stays below it: only experts that may be among the best are
        // kept (a query whose boosts are large let thousands through the text band, to be cut again at once).
        // (Less a little, so that float rounding of text + boost never drops the expert that sets the cut.)
        var cut = Math.Max(floor, reached);
        var band = cut - maxBoost - Slack;
        // Filled in a list kept per thread: thousands may pass the band, and a fresh list grew by copies each time.
        var pool = RankingScratch.Current.Pool;
        pool.Clear();
        foreach (var ordinal in touched)
        {
            var text = textWeight * accumulator[ordinal];
            if (text < band) continue;
            var lower = text + accumulator.Boost(ordinal, boost);
            if (!float.IsNegativeInfinity(lower) && lower >= cut - Slack)
                pool.Add((new Scored(Experts[ordinal], accumulator[ordinal], lower), ordinal));
        }
        return pool.Count > size ? Cut(pool, size) : pool;
    }

    // A small segment: every eligible expert sharing a term, scored directly.
    private List<Scored> Scan(SparseVector query, PartialScore score, int k, HashSet<int>? hidden)
    {
        var (city, province) = Places(score);
        var candidates = new List<(Scored, int)>();
        for (var i = 0; i < Experts.Length; i++)
        {
            if (!Eligible(i, hidden)) continue;
            var whole = query.Dot(Experts[i].Whole);
            if (whole > 0) candidates.Add((new Scored(Experts[i], whole, score.TextWeight * whole + Boost(i, score, city, province, hidden)), i));
        }
        return Best(candidates, k);
    }

    /// <summary>The k best by score, then position, best first.</summary>
    internal static List<Scored> Best(List<(Scored Scored, int Ordinal)> candidates, int k)
    {
        if (candidates.Count > k) candidates = Cut(candidates, k);
        candidates.Sort((a, b) => a.Scored.Score != b.Scored.Score ? b.Scored.Score.CompareTo(a.Scored.Score) : a.Ordinal.CompareTo(b.Ordinal));
        return candidates.Select(c => c.Scored).ToList();
    }

    // The k best by score (ties: the lower position), in no particular order; by selection, not sorting.
    private static List<(Scored Scored, int Ordinal)> Cut(List<(Scored Scored, int Ordinal)> candidates, int k)
    {
        var scores = RankingScratch.Current.Texts(candidates.Count);
        for (var i = 0; i < candidates.Count; i++) scores[i] = candidates[i].Scored.Score;
        var cut = Selection.LargestInPlace(scores, candidates.Count, k);
        var kept = new List<(Scored, int)>(k);
        foreach (var candidate in candidates)
            if (candidate.Scored.Score > cut) kept.Add(candidate);
        if (kept.Count < k)
            kept.AddRange(candidates.Where(c => c.Scored.Score == cut).OrderBy(c => c.Ordinal).Take(k - kept.Count));
        return kept;
    }
}
