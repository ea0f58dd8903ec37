using System.Text.RegularExpressions;
using Matchmaker.Core.Experts;

namespace Matchmaker.Bench;

/// <summary>
/// A demo expert used as the template of synthetic experts, with the material of its specialty (itself and its
/// nearest demo experts of the same language) and of neighbouring specialties (the next nearest ones).
/// </summary>
internal sealed class Template
{
    public required Expert Expert { get; init; }
    public required bool Chinese { get; init; }
    /// <summary>The template first, then the nearest demo experts: the works of the same specialty.</summary>
    public required Expert[] Near { get; init; }
    public required Expert[] Neighbouring { get; init; }
    public required string[] Keywords { get; init; }
    public required string[] Sentences { get; init; }
    public required string[] ProfileSentences { get; init; }
    public required string[] Fields { get; init; }
}

internal static partial class Templates
{
    private const int NearCount = 3;
    private const int NeighbouringCount = 5;

    /// <summary>
    /// The demo data does not name experts' specialties (about four experts share one), so nearness is the TF-IDF
    /// cosine of their character bigrams (Chinese) or words (English) over fields, profile and works, within one language.
    /// </summary>
    public static List<Template> From(IReadOnlyList<Expert> experts)
    {
        var chinese = experts.Select(e => TextVariation.IsChinese(e.Profile)).ToArray();
        var vectors = Vectors(experts);
        var templates = new List<Template>(experts.Count);
        for (var i = 0; i < experts.Count; i++)
        {
            var ranked = Enumerable.Range(0, experts.Count)
                .Where(j => j != i && chinese[j] == chinese[i])
                .Select(j => (j, Similarity: Cosine(vectors[i], vectors[j])))
                .OrderByDescending(x => x.Similarity).ThenBy(x => x.j)
                .Select(x => experts[x.j]).ToList();
            Expert[] near = [experts[i], .. ranked.Take(NearCount)];
            templates.Add(new Template
            {
                Expert = experts[i],
                Chinese = chinese[i],
                Near = near,
                Neighbouring = [.. ranked.Skip(NearCount).Take(NeighbouringCount)],
                Keywords = [.. near.SelectMany(e => e.Works).SelectMany(w => w.Keywords).Distinct(StringComparer.Ordinal)],
                Sentences = [.. near.SelectMany(e => e.Works).SelectMany(w => TextVariation.Sentences(w.Abstract)).Distinct(StringComparer.Ordinal)],
                // A borrowed sentence must not make a professor an academician.
                ProfileSentences = [.. near.Skip(1).SelectMany(e => TextVariation.Sentences(e.Profile)).Where(s => !s.Contains("院士", StringComparison.Ordinal))],
                Fields = [.. near.SelectMany(e => e.Fields).Distinct(StringComparer.Ordinal)],
            });
        }
        return templates;
    }

    private static List<Dictionary<string, double>> Vectors(IReadOnlyList<Expert> experts)
    {
        var counts = experts.Select(Features).ToList();
        var documentFrequency = counts.SelectMany(c => c.Keys).CountBy(t => t, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        return counts.Select(c =>
        {
            var weights = c.ToDictionary(t => t.Key, t => (1 + Math.Log(t.Value)) * Math.Log(experts.Count / (double)documentFrequency[t.Key]), StringComparer.Ordinal);
            var norm = Math.Sqrt(weights.Values.Sum(w => w * w));
            return norm == 0 ? weights : weights.ToDictionary(w => w.Key, w => w.Value / norm, StringComparer.Ordinal);
        }).ToList();
    }

    private static Dictionary<string, int> Features(Expert expert)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = expert.Fields.Append(expert.Profile ?? "")
            .Concat(expert.Works.Select(w => $"{w.Title} {w.Abstract} {string.Join(' ', w.Keywords)}"));
        foreach (var text in texts)
        {
            var lower = text.ToLowerInvariant();
            for (var k = 0; k + 1 < lower.Length; k++)
                if (IsHan(lower[k]) && IsHan(lower[k + 1])) Add(lower.Substring(k, 2));
            foreach (var word in WordSeparator().Split(lower))
                if (word.Length >= 3 && !StopWords.Contains(word)) Add(word);
        }
        return counts;

        void Add(string feature) => counts[feature] = counts.GetValueOrDefault(feature) + 1;
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        return small.Sum(t => large.TryGetValue(t.Key, out var w) ? t.Value * w : 0);
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex WordSeparator();

    private static readonly HashSet<string> StopWords =
        ["the", "and", "for", "with", "from", "review", "study", "case", "industrial", "based", "using", "via", "recent", "advances"];
}
