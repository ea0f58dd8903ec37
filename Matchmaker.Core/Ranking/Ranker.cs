using Matchmaker.Core.Experts;
using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>
/// The features of one expert–problem pair. Kept explicit so that later rankers (learned weights, campaign
/// assignment) read the same vector the explanation shows.
/// </summary>
public sealed record MatchFeatures(double TextSimilarity);

/// <summary>Why an expert was proposed.</summary>
public sealed record MatchReasons(IReadOnlyList<string> MatchedTerms, MatchFeatures Features);

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
    public static List<RecommendationItem> Rank(ExpertIndex index, ProblemQuery problem, int top, IReadOnlyCollection<string>? expertIds = null)
    {
        var query = index.Featurizer.Transform(ExpertText.Of(problem));
        var hits = expertIds is { Count: > 0 } ? index.Search(query, top, expertIds) : index.Search(query, top);
        return hits.Select((hit, i) =>
        {
            var expert = index[hit.Ordinal];
            var features = new MatchFeatures(Math.Round(hit.Similarity, 6));
            var score = Math.Clamp(features.TextSimilarity, 0, 1);
            return new RecommendationItem(expert.Id, expert.Name, expert.Kind, expert.Organization, score, i + 1,
                new MatchReasons(MatchedTerms(index.Featurizer, query, expert.Vector), features));
        }).ToList();
    }

    /// <summary>
    /// The shared terms that contribute most to the similarity. Whole words come first; a character bigram is shown
    /// only when it is a dictionary word that no word already shown contains, so the list reads as words, not fragments.
    /// </summary>
    public static List<string> MatchedTerms(TextFeaturizer featurizer, SparseVector query, SparseVector expert)
    {
        var shared = new List<(string Term, float Weight)>();
        int i = 0, j = 0;
        while (i < query.Indices.Length && j < expert.Indices.Length)
        {
            var a = query.Indices[i];
            var b = expert.Indices[j];
            if (a == b) shared.Add((featurizer.Term(a), query.Values[i++] * expert.Values[j++]));
            else if (a < b) i++;
            else j++;
        }
        var ordered = shared.OrderByDescending(s => s.Weight).ThenBy(s => s.Term, StringComparer.Ordinal).ToList();
        var words = ordered.Where(s => !TextAnalyzer.IsBigram(s.Term)).Select(s => s.Term).Take(MaxMatchedTerms).ToList();
        foreach (var (term, _) in ordered.Where(s => TextAnalyzer.IsBigram(s.Term)))
        {
            if (words.Count >= MaxMatchedTerms) break;
            var pair = term[1..];
            if (TextAnalyzer.IsDictionaryWord(pair) && !words.Any(w => w.Contains(pair, StringComparison.Ordinal))) words.Add(pair);
        }
        return words;
    }
}
