using System.Text.Json.Serialization;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>A work of the expert that supports the match, with its cosine to the problem (at least 0.01).</summary>
public sealed record SupportingWork(string Title, WorkKind Kind, int? Year, double Similarity);

/// <summary>
/// Why an expert was proposed: <c>matchedTerms</c>, their shares of the text similarity in <c>termWeights</c> (term →
/// share, in the order of <c>matchedTerms</c>), up to three <c>supportingWorks</c> and the <c>features</c>. Each
/// feature's contribution to the score is its value times its weight in the answer's <c>weights</c>. With
/// <c>explain=terms</c> only <c>matchedTerms</c> is given; the rest is left out of the answer.
/// </summary>
public sealed record MatchReasons(
    IReadOnlyList<string> MatchedTerms,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? TermWeights = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SupportingWork>? SupportingWorks = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MatchFeatures? Features = null);

/// <summary>
/// One ranked expert; <c>reasons</c> is left out with <c>explain=none</c>. <c>score</c> is the affinity in [0, 1];
/// when a learned model orders the list, its output is <c>learnedScore</c> (it orders experts within this answer and
/// means nothing across problems).
/// </summary>
public sealed record RecommendationItem(
    string ExpertId, string Name, ExpertKind Kind, string? Organization, double Score, int Rank,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MatchReasons? Reasons,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LearnedScore = null);

/// <summary>
/// A ranking, best first. With <c>explain=full</c>, <c>weights</c> gives each feature's weight in the score, the
/// weights adding up to 1 (a feature left out weighs 0): an expert's <c>score</c> is the sum over features of weight ×
/// value, so each product is that feature's contribution. Given once for the answer rather than per expert, since it
/// is the same for all.
/// <c>modelVersion</c> names the learned model that ordered the shortlist, or <c>base</c> when the affinity did.
/// <c>excluded</c> (staff, on request) lists the experts left out for a conflict of interest.
/// </summary>
public sealed record Recommendation(
    string? ProblemId,
    string ModelVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? Weights,
    IReadOnlyList<RecommendationItem> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ExcludedExpert>? Excluded = null);

/// <summary>How much of the reasons a recommendation carries (the <c>explain</c> parameter).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Explanation>))]
public enum Explanation
{
    /// <summary>Ids, names, kinds, organizations, scores and ranks only.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>Also the matched terms.</summary>
    [JsonStringEnumMemberName("terms")] Terms,

    /// <summary>Also the terms' shares, supporting works and features, and the weights of the features in the score.</summary>
    [JsonStringEnumMemberName("full")] Full,
}

/// <summary>Ranks available experts against a problem. Score is an affinity in [0, 1], comparable across problems.</summary>
public sealed class Ranker(RankingIndex rankingIndex, RecommendationCache cache, ServingModel serving, TimeProvider clock)
{
    public const int MaxMatchedTerms = 10;

    public async Task<Recommendation> RecommendAsync(string? problemId, ProblemQuery problem, int top,
        IReadOnlyCollection<string>? expertIds = null, Explanation explain = Explanation.Full, Exclusions? excluded = null,
        CancellationToken cancellationToken = default)
    {
        var index = await rankingIndex.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var learned = serving.Current;
        return Answer(problemId, learned,
            Rank(index, problem, top, expertIds, explain: explain, learned: learned, asOf: clock.GetUtcNow(), excluded: excluded), explain);
    }

    /// <summary>The index and the serving model of this moment, for work that ranks many problems (jobs) with <see cref="Rank"/>.</summary>
    public async Task<(ExpertIndex Index, ServingModel.Snapshot Learned)> CurrentAsync(CancellationToken cancellationToken = default) =>
        (await rankingIndex.CurrentAsync(cancellationToken).ConfigureAwait(false), serving.Current);

    /// <summary>
    /// Every available expert that <paramref name="excluded"/> leaves out, with why: those named, and those of the
    /// enterprise's own organization (a pass over the index, for staff who ask).
    /// </summary>
    public async Task<IReadOnlyList<ExcludedExpert>> ExcludedAsync(Exclusions excluded, CancellationToken cancellationToken = default)
    {
        var index = await rankingIndex.CurrentAsync(cancellationToken).ConfigureAwait(false);
        return index.Experts
            .Select(e => (Expert: e, Reason: excluded.Of(e.Id, e.OrganizationKey)))
            .Where(e => e.Reason is not null && e.Expert.Available)
            .OrderBy(e => e.Expert.Id, StringComparer.Ordinal)
            .Select(e => new ExcludedExpert(e.Expert.Id, e.Expert.Name, e.Expert.Organization, e.Reason!.Value))
            .ToList();
    }

    /// <summary>
    /// The ranking of a stored problem as the UTF-8 JSON of its <see cref="Recommendation"/>, from the
    /// <see cref="RecommendationCache"/> while neither the problem's text nor the index has changed since it was computed.
    /// </summary>
    public async Task<byte[]> RecommendStoredAsync(string tenant, Problem problem, int top, Explanation explain, Exclusions excluded,
        CancellationToken cancellationToken = default)
    {
        var index = await rankingIndex.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var query = ProblemQuery.From(problem);
        var learned = serving.Current;
        var now = clock.GetUtcNow();
        var key = new RecommendationCache.Key(tenant, problem.Id, query.Fingerprint(), top, explain, ChinaDay(now), learned.Stamp, excluded.Fingerprint);
        return cache.GetOrAdd(index.Generation, key,
            () => Answer(problem.Id, learned, Rank(index, query, top, explain: explain, learned: learned, asOf: now, excluded: excluded), explain));
    }

    private static Recommendation Answer(string? problemId, ServingModel.Snapshot learned, List<RecommendationItem> items, Explanation explain) =>
        new(problemId, learned.Name, explain == Explanation.Full ? DefaultWeightsShown : null, items);

    // The features' names as JSON shows them (camelCase); before the weights shown, which static initialization
    // makes in the order of the fields.
    private static readonly string[] FeatureNames = MatchFeatures.Names.Select(n => char.ToLowerInvariant(n[0]) + n[1..]).ToArray();

    // The same for every answer: made once, not per request.
    private static readonly IReadOnlyDictionary<string, double> DefaultWeightsShown = WeightsShown(RankingOptions.Default.Weights);

    /// <summary>
    /// Each feature's weight in the score (camelCase names, as in JSON), adding up to 1, rounded like the features; the
    /// features that weigh 0 (kept for the learned model and the explanation) are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, double> WeightsShown(FeatureWeights weights)
    {
        var shares = weights.Shares();
        var shown = new OrderedDictionary<string, double>(shares.Length, StringComparer.Ordinal);
        for (var i = 0; i < shares.Length; i++)
            if (shares[i] != 0) shown[FeatureNames[i]] = Math.Round(shares[i], Decimals);
        return shown;
    }

    /// <summary>
    /// The ranking itself, on a given index: the API, the tests and the evaluation script all come through here. With
    /// a <paramref name="learned"/> model, the model reorders the best <see cref="LearnedWindow"/> (or 2 × top) of the
    /// affinity's order (its history features as of <paramref name="asOf"/>), and the first <paramref name="top"/> are answered.
    /// </summary>
    public static List<RecommendationItem> Rank(ExpertIndex index, ProblemQuery problem, int top,
        IReadOnlyCollection<string>? expertIds = null, RankingOptions? options = null, Explanation explain = Explanation.Full,
        ServingModel.Snapshot? learned = null, DateTimeOffset? asOf = null, Exclusions? excluded = null, IReadOnlySet<string>? pool = null)
    {
        excluded ??= Exclusions.None;
        if (pool is { Count: 0 }) return [];
        // A job's pool of experts: a small one is scored expert by expert like a list of ids; from a large one the
        // search takes more (as many times as the pool is smaller than the index, at most MaxPoolWidening) and keeps
        // the pool's.
        var scanPool = pool is not null && expertIds is null && pool.Count <= PoolScanned;
        if (scanPool) expertIds = pool!.ToList();
        var day = ChinaDay(asOf ?? DateTimeOffset.UtcNow);
        options ??= RankingOptions.Default;
        var weights = options.Weights;
        var limits = options.Limits ?? SearchLimits.Exhaustive;
        var context = new ProblemContext(problem);
        var query = Query(index, problem);
        var own = query; // explanations name the problem's own terms, not those feedback brought in
        var fieldScores = index.FieldScores(query);
        if (options.Feedback > 0)
        {
            // Pseudo-relevance feedback (Rocchio): the vocabulary of the best few experts pulls in their peers of the
            // same specialty, who describe it in words the enterprise did not use. Taken from the whole index even when
            // the caller restricts the candidates, so an expert's score does not depend on which list asked for it.
            var peers = index.Top(query, Partial(fieldScores, context, weights), options.FeedbackDepth, limits).Select(c => c.Expert).ToList();
            if (peers.Count > 0) (query, fieldScores) = WithFeedback(index, query, fieldScores, peers, options.Feedback);
        }
        // The search completes each expert it returns to its exact cosine, so the shortlist's whole-text feature comes
        // with it; a list of ids given by the caller is scored here.
        var dense = RankingScratch.Current.Query;
        dense.Reset(index.Featurizer.VocabularySize);
        dense.SetAll(query);
        // Experts left out for a conflict of interest, or outside their availability window today, never reach the
        // shortlist: the search finds as many more as may be left out by conflicts (those named, and up to
        // ExcludedByOrganization of the enterprise's own staff); an expert away today takes a place of the shortlist.
        var size = Math.Max(ShortlistSize, 5 * top);
        var searched = size + excluded.Count + (excluded.OrganizationKey is null ? 0 : ExcludedByOrganization);
        if (pool is not null && !scanPool) searched *= Math.Clamp((index.Count + pool.Count - 1) / pool.Count, 1, MaxPoolWidening);
        var shortlist = expertIds is { Count: > 0 }
            ? expertIds.Distinct(StringComparer.Ordinal).Select(index.Find).OfType<IndexedExpert>()
                .Where(e => e.AvailableOn(day) && excluded.Of(e.Id, e.OrganizationKey) is null)
                .Select(e => (Expert: e, Whole: dense.Dot(e.Whole))).ToList()
            : index.Top(query, Partial(fieldScores, context, weights), searched, limits)
                .Where(c => c.Expert.AvailableOn(day) && excluded.Of(c.Expert.Id, c.Expert.OrganizationKey) is null
                    && (pool is null || pool.Contains(c.Expert.Id)))
                .Take(size).Select(c => (c.Expert, c.Whole)).ToList();

        // The other features for the shortlist only; the query is scattered once so each dot costs the expert's own length.
        var candidates = shortlist
            .Select(c => (c.Expert, Features: Features(context, dense, c.Expert, c.Whole, FieldAffinity(fieldScores, c.Expert))))
            .ToList();
        var scored = candidates
            .Select(c => (c.Expert, c.Features, Score: weights.Score(c.Features), Learned: (float?)null))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Expert.Id, StringComparer.Ordinal)
            .ToList();
        if (learned?.Ranker is not null && scored.Count > 1)
        {
            // The model reorders the head of the affinity's order, where the matches it learned from were proposed;
            // far below it a model would extrapolate from candidates it never saw an outcome of.
            var window = Math.Min(scored.Count, Math.Max(LearnedWindow, 2 * top));
            var head = scored.Take(window).ToList();
            var learnedScores = learned.Score(problem.Industry, head.Select(c => (c.Expert, c.Features)).ToList(), asOf ?? DateTimeOffset.UtcNow);
            scored = head.Select((c, i) => c with { Learned = learnedScores[i] })
                .OrderByDescending(c => c.Learned).ThenByDescending(c => c.Score).ThenBy(c => c.Expert.Id, StringComparer.Ordinal)
                .Concat(scored.Skip(window))
                .ToList();
        }
        if (scored.Count > top) scored.RemoveRange(top, scored.Count - top);
        // Supporting works are found with the problem's own terms: scattered in turn where feedback changed the query.
        if (explain == Explanation.Full && !ReferenceEquals(own, query))
        {
            dense.Reset(index.Featurizer.VocabularySize);
            dense.SetAll(own);
        }
        var items = scored
            .Select((c, i) => new RecommendationItem(c.Expert.Id, c.Expert.Name, c.Expert.Kind, c.Expert.Organization,
                Math.Round(c.Score, Decimals), i + 1, Explain(index, own, dense, c.Expert, c.Features, explain),
                c.Learned is { } l ? Math.Round(l, Decimals) : null))
            .ToList();
        dense.Reset(0);
        return items;
    }

    /// <summary>
    /// The query moved towards the centroid of the words of <paramref name="peers"/> (Rocchio), unit length again, with
    /// its field scores. The peers' character bigrams stay out: fragments that mostly repeat their words, they made the
    /// search that follows dearer (a ranking takes 17 % fewer instructions without them), and leaving them out changed
    /// NDCG@10 by +0.032 on data/eval and −0.004 on csl-dev. Field scores are linear in the query, so they come from the
    /// problem's own and each peer's (kept by the index once computed) instead of a second pass over the field postings
    /// for a query that feedback grew to hundreds of terms; the same scores as computing them afresh, up to float
    /// rounding.
    /// </summary>
    public static (SparseVector Query, float[] FieldScores) WithFeedback(ExpertIndex index, SparseVector query, float[] fieldScores,
        IReadOnlyList<IndexedExpert> peers, double weight)
    {
        var feedback = peers.Select(index.FeedbackOf).ToList();
        var sum = SparseVectors.Sum(feedback.Select(f => f.Words));
        var sumNorm = SparseVectors.Norm(sum);
        if (sumNorm == 0) return (query, fieldScores);
        var combined = SparseVectors.Sum([query, sum.Scale(weight / sumNorm)]);
        var norm = SparseVectors.Norm(combined);
        if (norm == 0) return (query, fieldScores);
        var peerFields = new double[fieldScores.Length];
        foreach (var peer in feedback)
            for (var f = 0; f < peerFields.Length; f++) peerFields[f] += peer.FieldScores[f];
        var expanded = new float[fieldScores.Length];
        for (var f = 0; f < expanded.Length; f++) expanded[f] = (float)((fieldScores[f] + weight / sumNorm * peerFields[f]) / norm);
        return (combined.Scale(1 / norm), expanded);
    }

    /// <summary>
    /// The first pass's score: whole-text cosine, field affinity, industry and region, weighted as in the final
    /// affinity. The features left out (works, profile, keywords) are computed for the shortlist only: they rarely
    /// lift an expert from far below the cut.
    /// </summary>
    private static PartialScore Partial(float[] fieldScores, ProblemContext context, FeatureWeights weights) => new(
        (float)weights.TextWhole, (float)weights.FieldAffinity, fieldScores, (float)weights.RegionMatch, context.City, context.Province,
        weights.IndustryMatch > 0 && context.HasIndustry ? e => (float)(weights.IndustryMatch * context.Industry(e)) : null, (float)weights.IndustryMatch);

    private static float FieldAffinity(float[] fieldScores, IndexedExpert expert)
    {
        var best = 0f;
        foreach (var id in expert.FieldIds) best = Math.Max(best, fieldScores[id]);
        return best;
    }

    /// <summary>A job's pool of at most this many experts is scored expert by expert rather than searched.</summary>
    public const int PoolScanned = 2_000;

    /// <summary>How many times more a search for a job's large pool takes, at most, before keeping the pool's experts.</summary>
    public const int MaxPoolWidening = 20;

    /// <summary>How many candidates get their full feature vector.</summary>
    public const int ShortlistSize = 50;

    /// <summary>The day in China (UTC+8), where the associations are: availability windows are in its dates.</summary>
    public static DateOnly ChinaDay(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>How many more candidates a search finds for a problem with an enterprise, for those of its own organization it leaves out.</summary>
    public const int ExcludedByOrganization = 10;

    /// <summary>How many of the affinity's best a learned model reorders: this many, or twice the answer's length if more.</summary>
    public const int LearnedWindow = 20;

    /// <summary>The problem's vector, with glossary terms of the other language added.</summary>
    public static SparseVector Query(ExpertIndex index, ProblemQuery problem)
    {
        var text = ExpertText.Of(problem);
        var expansion = index.Glossary.Expand(text);
        if (expansion.Count > 0) text += "\n" + string.Join('\n', expansion);
        return index.Weights.Weigh(index.Featurizer.Counts(text));
    }

    private static MatchFeatures Features(ProblemContext context, DenseQuery query, IndexedExpert expert, float whole, float field) => new(
        TextWhole: whole,
        TextWorks: BestWorks(query, expert, context.Year),
        TextProfile: query.Dot(expert.Profile),
        FieldAffinity: field,
        IndustryMatch: context.Industry(expert),
        RegionMatch: context.Region(expert),
        KeywordOverlap: context.KeywordOverlap(expert),
        KindPrior: expert.Kind switch
        {
            ExpertKind.Academician => 1,
            ExpertKind.OverseasTalent or ExpertKind.SocietyExpert => 0.5,
            _ => 0.25,
        },
        CapacityRoom: Math.Min(Math.Max(expert.Capacity, 0), 3) / 3.0,
        PatentRecord: Math.Min(Patents(expert), 3) / 3.0);

    private static int Patents(IndexedExpert expert)
    {
        var count = 0;
        foreach (var work in expert.Works)
            if (work.Kind == WorkKind.Patent) count++;
        return count;
    }

    /// <summary>Mean similarity of the best two works, each discounted by age (a ten-year-old work counts half).</summary>
    private static double BestWorks(DenseQuery query, IndexedExpert expert, int year)
    {
        double first = 0, second = 0;
        foreach (var work in expert.Works)
        {
            var similarity = query.Dot(work.Vector) * Recency(work.Year, year);
            if (similarity > first) (first, second) = (similarity, first);
            else if (similarity > second) second = similarity;
        }
        return expert.Works.Length switch { 0 => 0, 1 => first, _ => (first + second) / 2 };
    }

    private static double Recency(int? workYear, int year) =>
        workYear is { } y ? 1 / (1 + 0.1 * Math.Max(0, year - y)) : 0.75;

    /// <summary>Decimals of the figures in an answer (score, features, contributions, term weights, similarities).</summary>
    public const int Decimals = 4;

    private static MatchReasons? Explain(ExpertIndex index, SparseVector query, DenseQuery dense, IndexedExpert expert,
        MatchFeatures features, Explanation explain)
    {
        if (explain == Explanation.None) return null;
        var shared = SharedTerms(index, query, expert.Whole);
        var terms = new List<string>(shared.Count);
        foreach (var (term, _) in shared) terms.Add(term);
        if (explain == Explanation.Terms) return new MatchReasons(terms);
        var weights = new OrderedDictionary<string, double>(shared.Count, StringComparer.Ordinal);
        foreach (var (term, share) in shared) weights[term] = share;
        return new MatchReasons(terms, weights, SupportingWorks(dense, expert), features.Rounded(Decimals));
    }

    // The best works by similarity to the problem's own terms (scattered into query), at least MinSupport, best first
    // (ties: the earlier work).
    private static List<SupportingWork> SupportingWorks(DenseQuery query, IndexedExpert expert)
    {
        var best = new List<(IndexedWork Work, double Similarity)>(MaxSupportingWorks + 1);
        foreach (var work in expert.Works)
        {
            var similarity = Math.Round(query.Dot(work.Vector), Decimals);
            if (similarity < MinSupport) continue;
            var at = best.Count;
            while (at > 0 && best[at - 1].Similarity < similarity) at--;
            if (at >= MaxSupportingWorks) continue;
            best.Insert(at, (work, similarity));
            if (best.Count > MaxSupportingWorks) best.RemoveAt(best.Count - 1);
        }
        return best.ConvertAll(b => new SupportingWork(b.Work.Title, b.Work.Kind, b.Work.Year, b.Similarity));
    }

    /// <summary>
    /// The least cosine of a work with the problem's own terms for it to be shown as supporting the match. Below it a
    /// work shares no more than a faint term or two (a tenth of the works the demo rankings showed before this floor
    /// were under 0.008, such as a paper on 铁皮石斛 polysaccharides for a problem on pear syrup).
    /// </summary>
    public const double MinSupport = 0.01;

    public const int MaxSupportingWorks = 3;

    /// <summary>
    /// The shared terms that contribute most to the similarity, as shares of it. Whole words come first; a character
    /// bigram is shown only when it is a dictionary word that no word already shown contains, so the list reads as
    /// words rather than fragments.
    /// </summary>
    public static List<(string Term, double Share)> SharedTerms(ExpertIndex index, SparseVector query, SparseVector expert)
    {
        var featurizer = index.Featurizer;
        var shared = new List<(int Term, float Weight)>();
        double sum = 0; // in double, then float, as Enumerable.Sum adds floats
        int i = 0, j = 0;
        while (i < query.Indices.Length && j < expert.Indices.Length)
        {
            var a = query.Indices[i];
            var b = expert.Indices[j];
            if (a == b)
            {
                var weight = query.Values[i++] * expert.Values[j++];
                shared.Add((a, weight));
                sum += weight;
            }
            else if (a < b) i++;
            else j++;
        }
        var total = (float)sum;
        // Largest share first; ties by the term's text, so the order never depends on term ids.
        shared.Sort((x, y) => x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : string.CompareOrdinal(featurizer.Term(x.Term), featurizer.Term(y.Term)));
        var words = new List<(string Term, float Weight)>(MaxMatchedTerms);
        foreach (var (term, weight) in shared)
        {
            if (words.Count >= MaxMatchedTerms) break;
            if (!featurizer.IsBigram(term)) words.Add((featurizer.Term(term), weight));
        }
        foreach (var (term, weight) in shared)
        {
            if (words.Count >= MaxMatchedTerms) break;
            if (!featurizer.IsDictionaryBigram(term)) continue;
            var pair = featurizer.Term(term)[1..];
            if (!words.Exists(w => w.Term.Contains(pair, StringComparison.Ordinal))) words.Add((pair, weight));
        }
        return words.ConvertAll(w => (w.Term, total == 0 ? 0 : Math.Round((double)w.Weight / total, Decimals)));
    }
}
