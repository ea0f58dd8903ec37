using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Matchmaker.Baselines;

/// <summary>
/// Cuts mixed Chinese/English text into Lucene terms: each run of Han characters goes to
/// <see cref="SmartChineseAnalyzer"/>, everything between runs to <see cref="StandardAnalyzer"/>.
/// </summary>
/// <remarks>
/// Routing by script run, rather than by the language of a whole text, keeps one English word one term wherever it
/// stands: SmartCn lower-cases and Porter-stems Latin words (batteries → batteri) while StandardAnalyzer does not,
/// so analysing a Chinese abstract with SmartCn as a whole would miss the same English word in an English expert's
/// work. Both sides (experts and problems) go through this one function. Text is NFKC-folded first so full-width
/// letters and digits (Ｃ６, H₂S) read as their ASCII forms, as Matchmaker's own analyzer does.
/// Thread-safe: Lucene analyzers keep their reusable token streams per thread.
/// </remarks>
internal sealed class BilingualTerms : IDisposable
{
    private const string Field = "text";
    private readonly Analyzer _chinese = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48);
    private readonly Analyzer _english = new StandardAnalyzer(LuceneVersion.LUCENE_48);

    public List<string> Of(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return terms;
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var start = 0;
        while (start < normalized.Length)
        {
            var han = IsHan(normalized[start]);
            var end = start + 1;
            while (end < normalized.Length && IsHan(normalized[end]) == han) end++;
            Collect(han ? _chinese : _english, normalized[start..end], terms);
            start = end;
        }
        return terms;
    }

    private static void Collect(Analyzer analyzer, string text, List<string> terms)
    {
        using var stream = analyzer.GetTokenStream(Field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
    }

    // CJK Unified Ideographs, Extension A and the compatibility block: what the evaluation sets' Chinese uses.
    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\uf900' and <= '\ufaff';

    public void Dispose()
    {
        _chinese.Dispose();
        _english.Dispose();
    }
}

/// <summary>Feeds terms that were already analysed to the index writer (one field, two analyzers).</summary>
internal sealed class TermListTokenStream : TokenStream
{
    private readonly IReadOnlyList<string> _terms;
    private readonly ICharTermAttribute _term;
    private int _next;

    public TermListTokenStream(IReadOnlyList<string> terms)
    {
        _terms = terms;
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_next >= _terms.Count) return false;
        ClearAttributes();
        _term.SetEmpty().Append(_terms[_next++]);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }
}
