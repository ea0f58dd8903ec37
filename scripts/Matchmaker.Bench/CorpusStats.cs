using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

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

/// <summary>How a corpus reads to the analyzer: the terms of its problems and experts, its English share and how skewed its terms are.</summary>
internal sealed record TermStats(double ProblemTerms, double ProblemDistinct, double ExpertTerms, double ExpertDistinct,
    double EnglishExperts, double EnglishProblems, double HeadShare, double Exponent, int Sample)
{
    private const int SampleSize = 1000;

    public static TermStats Of(TextAnalyzer analyzer, IReadOnlyList<Expert> experts, IReadOnlyList<ProblemQuery> problems)
    {
        var problemTerms = problems.Select(p => analyzer.Tokenize(ExpertText.Of(p))).ToList();
        var sample = experts.Take(SampleSize).ToList();
        var expertTerms = sample.Select(e => analyzer.Tokenize(ExpertText.Of(e))).ToList();
        // Zipf's law puts a large share of all tokens on a few terms: the 1 % commonest terms of the sample's tokens.
        var frequencies = expertTerms.SelectMany(t => t).CountBy(t => t, StringComparer.Ordinal).Select(p => p.Value).OrderDescending().ToList();
        var head = frequencies.Take(Math.Max(1, frequencies.Count / 100)).Sum() / (double)Math.Max(1, frequencies.Sum());
        // The slope of log frequency over log rank (least squares over the 1,000 commonest terms): Zipf's exponent.
        var points = frequencies.Take(1000).Select((f, r) => (X: Math.Log(r + 1), Y: Math.Log(f))).ToList();
        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        var exponent = -points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
        return new TermStats(
            problemTerms.Average(t => t.Count), problemTerms.Average(t => t.Distinct().Count()),
            expertTerms.Average(t => t.Count), expertTerms.Average(t => t.Distinct().Count()),
            experts.Count(e => English(ExpertText.Of(e))) / (double)experts.Count,
            problems.Count(p => English(ExpertText.Of(p))) / (double)problems.Count,
            head, exponent, sample.Count);
    }

    // Mostly Latin letters: an English text may still name a Chinese industry or field.
    private static bool English(string text) => text.Count(char.IsAsciiLetter) > 4 * text.Count(c => c is >= '\u4e00' and <= '\u9fff');

    public override string ToString() =>
        $"analyzer terms per problem {ProblemTerms:F1} ({ProblemDistinct:F1} distinct), per expert {ExpertTerms:F0} ({ExpertDistinct:F0} distinct, " +
        $"first {Sample:N0}); English: {EnglishExperts:P0} of experts, {EnglishProblems:P0} of problems; the 1 % commonest terms " +
        $"make {HeadShare:P0} of the experts' tokens, Zipf exponent {Exponent:F2} (fitted over the 1,000 commonest)";
}
