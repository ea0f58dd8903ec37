using Matchmaker.Core.Experts;

namespace Matchmaker.Bench;

/// <summary>How a corpus reads: to compare the synthetic one with the demo data it comes from.</summary>
internal sealed record CorpusStats(int Experts, int Works, double CharsPerWork, double DistinctTitleShare, double EnglishShare, double ProfileChars)
{
    public static CorpusStats Of(IReadOnlyList<Expert> experts)
    {
        var works = experts.SelectMany(e => e.Works).ToList();
        return new CorpusStats(
            experts.Count,
            works.Count,
            works.Average(w => w.Title.Length + (w.Abstract?.Length ?? 0) + w.Keywords.Sum(k => k.Length)),
            works.Select(w => w.Title).Distinct(StringComparer.Ordinal).Count() / (double)works.Count,
            experts.Count(e => !TextVariation.IsChinese(e.Profile)) / (double)experts.Count,
            experts.Average(e => e.Profile?.Length ?? 0));
    }

    public override string ToString() =>
        $"{Experts:N0} experts, {Works:N0} works, {CharsPerWork:F1} chars/work (title+abstract+keywords), " +
        $"{DistinctTitleShare:P1} distinct titles, {EnglishShare:P0} English, profile {ProfileChars:F0} chars";
}
