using System.Buffers;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>A term the problem shares with the expert, with its share of the text similarity.</summary>
public sealed record TermWeight(string Term, double Weight);

/// <summary>A work of the expert that supports the match, with its cosine to the problem.</summary>
public sealed record SupportingWork(string Title, WorkKind Kind, int? Year, double Similarity);

/// <summary>Why an expert was proposed: matched terms, the works that support it, and each feature's contribution.</summary>
public sealed record MatchReasons(
    IReadOnlyList<string> MatchedTerms, IReadOnlyList<TermWeight> TermWeights, IReadOnlyList<SupportingWork> SupportingWorks,
    MatchFeatures Features, IReadOnlyDictionary<string, double> Contributions);

public sealed record RecommendationItem(
    string ExpertId, string Name, ExpertKind Kind, string? Organization, double Score, int Rank, MatchReasons Reasons);

public sealed record Recommendation(string? ProblemId, IReadOnlyList<RecommendationItem> Items);

/// <summary>Ranks available experts against a problem. Score is an affinity in [0, 1], comparable across problems.</summary>
public sealed class Ranker(RankingIndex rankingIndex)
{
    public const int MaxMatchedTerms = 10;

    public async Task<Recommendation> RecommendAsync(string? problemId, ProblemQuery problem, int top, IReadOnlyCollection<string>? expertIds = null)
    {
        var index = await rankingIndex.CurrentAsync().ConfigureAwait(false);
        return new Recommendation(problemId, Rank(index, problem, top, expertIds));
    }

    /// <summary>The ranking itself, on a given index: the API, the tests and the evaluation script all come through here.</summary>
    public static List<RecommendationItem> Rank(ExpertIndex index, ProblemQuery problem, int top,
        IReadOnlyCollection<string>? expertIds = null, RankingOptions? options = null)
    {
        options ??= RankingOptions.Default;
        var context = new ProblemContext(problem);
        var query = Query(index, problem);
        var own = query; // explanations name the problem's own terms, not those feedback brought in
        if (options.Feedback > 0)
        {
            // Pseudo-relevance feedback (Rocchio): the vocabulary of the best few experts pulls in their peers of the
            // same specialty, who describe it in words the enterprise did not use. Taken from the whole index even when
            // the caller restricts the candidates, so an expert's score does not depend on which list asked for it.
            var peers = Shortlist(index, query, context, Candidates(index, query, null), options.Weights, options.FeedbackDepth)
                .Select(c => c.Expert.Whole).ToList();
            if (peers.Count > 0) query = SparseVectors.Centroid([query, SparseVectors.Centroid(peers).Scale(options.Feedback)]);
        }
        var weights = options.Weights;
        var shortlist = Shortlist(index, query, context, Candidates(index, query, expertIds), weights, Math.Max(ShortlistSize, 5 * top));
        _candidates?.Clear(); // the per-thread buffer must not keep an old index's experts alive
        return shortlist
            .Select(c => (c.Expert, Features: Features(context, query, c.Expert, c.Whole, c.Field)))
            .Select(c => (c.Expert, c.Features, Score: weights.Score(c.Features)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Expert.Id, StringComparer.Ordinal)
            .Take(top)
            .Select((c, i) => new RecommendationItem(c.Expert.Id, c.Expert.Name, c.Expert.Kind, c.Expert.Organization,
                Math.Round(c.Score, 6), i + 1, Explain(index, own, c.Expert, c.Features, weights)))
            .ToList();
    }

    private static List<(IndexedExpert Expert, float Whole)> Candidates(ExpertIndex index, SparseVector query, IReadOnlyCollection<string>? expertIds)
    {
        if (expertIds is { Count: > 0 })
            return expertIds.Distinct(StringComparer.Ordinal).Select(index.Find).OfType<IndexedExpert>().Where(e => e.Available)
                .Select(e => (e, query.Dot(e.Whole))).ToList();
        // One buffer per thread (ranking never awaits), so a query over a large index allocates no large list.
        var buffer = _candidates ??= [];
        index.Candidates(query, buffer);
        return buffer;
    }

    [ThreadStatic] private static List<(IndexedExpert Expert, float Whole)>? _candidates;

    // The cheap features for every candidate; the full vector is computed for the best of them only: the features
    // left out here (works, profile, keywords) rarely lift an expert from far below the cut.
    private static List<(IndexedExpert Expert, float Whole, float Field)> Shortlist(ExpertIndex index, SparseVector query,
        ProblemContext context, List<(IndexedExpert Expert, float Whole)> candidates, FeatureWeights weights, int size)
    {
        var fieldScores = index.FieldScores(query);
        var partial = ArrayPool<float>.Shared.Rent(candidates.Count);
        var fields = ArrayPool<float>.Shared.Rent(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var (expert, whole) = candidates[i];
            var field = 0f;
            foreach (var id in expert.FieldIds) field = Math.Max(field, fieldScores[id]);
            var score = weights.TextWhole * whole + weights.FieldAffinity * field;
            if (weights.IndustryMatch > 0) score += weights.IndustryMatch * context.Industry(expert);
            if (weights.RegionMatch > 0) score += weights.RegionMatch * context.Region(expert);
            partial[i] = (float)score;
            fields[i] = field;
        }
        var cut = candidates.Count <= size ? float.NegativeInfinity : Selection.Largest(partial, candidates.Count, size);
        var shortlist = new List<(IndexedExpert, float, float)>(Math.Min(size, candidates.Count));
        // Above the cut first, then candidates equal to it in index order, so the list is the same on every run.
        for (var i = 0; i < candidates.Count; i++)
            if (partial[i] > cut) shortlist.Add((candidates[i].Expert, candidates[i].Whole, fields[i]));
        for (var i = 0; i < candidates.Count && shortlist.Count < size; i++)
            if (partial[i] == cut) shortlist.Add((candidates[i].Expert, candidates[i].Whole, fields[i]));
        ArrayPool<float>.Shared.Return(partial);
        ArrayPool<float>.Shared.Return(fields);
        return shortlist;
    }

    /// <summary>How many candidates get their full feature vector.</summary>
    public const int ShortlistSize = 200;

    /// <summary>The problem's vector, with glossary terms of the other language added.</summary>
    public static SparseVector Query(ExpertIndex index, ProblemQuery problem)
    {
        var text = ExpertText.Of(problem);
        var expansion = index.Glossary.Expand(text);
        if (expansion.Count > 0) text += "\n" + string.Join('\n', expansion);
        return index.Weights.Weigh(index.Featurizer.Counts(text));
    }

    private static MatchFeatures Features(ProblemContext context, SparseVector query, IndexedExpert expert, float whole, float field) => new(
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
        CapacityRoom: Math.Min(Math.Max(expert.Capacity, 0), 3) / 3.0);

    /// <summary>Mean similarity of the best two works, each discounted by age (a ten-year-old work counts half).</summary>
    private static double BestWorks(SparseVector query, IndexedExpert expert, int year)
    {
        if (expert.Works.Count == 0) return 0;
        var best = expert.Works.Select(w => query.Dot(w.Vector) * Recency(w.Year, year)).OrderDescending().Take(2).ToList();
        return best.Average();
    }

    private static double Recency(int? workYear, int year) =>
        workYear is { } y ? 1 / (1 + 0.1 * Math.Max(0, year - y)) : 0.75;

    private static MatchReasons Explain(ExpertIndex index, SparseVector query, IndexedExpert expert, MatchFeatures features, FeatureWeights weights)
    {
        var shared = SharedTerms(index, query, expert.Whole);
        var contributions = weights.Contributions(features);
        var works = expert.Works
            .Select(w => new SupportingWork(w.Title, w.Kind, w.Year, Math.Round(query.Dot(w.Vector), 4)))
            .Where(w => w.Similarity > 0).OrderByDescending(w => w.Similarity).Take(3).ToList();
        return new MatchReasons(
            shared.Select(t => t.Term).ToList(), shared, works, features,
            MatchFeatures.Names.Select((name, i) => (name, i)).ToDictionary(p => char.ToLowerInvariant(p.name[0]) + p.name[1..], p => Math.Round(contributions[p.i], 6)));
    }

    /// <summary>
    /// The shared terms that contribute most to the similarity, as shares of it. Whole words come first; a character
    /// bigram is shown only when it is a dictionary word that no word already shown contains, so the list reads as
    /// words rather than fragments.
    /// </summary>
    public static List<TermWeight> SharedTerms(ExpertIndex index, SparseVector query, SparseVector expert)
    {
        var shared = new List<(string Term, float Weight)>();
        int i = 0, j = 0;
        while (i < query.Indices.Length && j < expert.Indices.Length)
        {
            var a = query.Indices[i];
            var b = expert.Indices[j];
            if (a == b) shared.Add((index.Featurizer.Term(a), query.Values[i++] * expert.Values[j++]));
            else if (a < b) i++;
            else j++;
        }
        var total = shared.Sum(s => s.Weight);
        var ordered = shared.OrderByDescending(s => s.Weight).ThenBy(s => s.Term, StringComparer.Ordinal).ToList();
        var words = ordered.Where(s => !TextAnalyzer.IsBigram(s.Term)).Take(MaxMatchedTerms).ToList();
        foreach (var (term, weight) in ordered.Where(s => TextAnalyzer.IsBigram(s.Term)))
        {
            if (words.Count >= MaxMatchedTerms) break;
            var pair = term[1..];
            if (TextAnalyzer.IsDictionaryWord(pair) && !words.Any(w => w.Term.Contains(pair, StringComparison.Ordinal))) words.Add((pair, weight));
        }
        return words.Select(w => new TermWeight(w.Term, total == 0 ? 0 : Math.Round(w.Weight / total, 4))).ToList();
    }
}
