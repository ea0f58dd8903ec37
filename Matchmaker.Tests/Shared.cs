using Matchmaker.Core.Text;

namespace Matchmaker.Tests;

/// <summary>Objects that are expensive to build and safe to share between tests.</summary>
internal static class Shared
{
    private static readonly Lazy<TextAnalyzer> LazyAnalyzer = new(() => new TextAnalyzer());
    private static readonly Lazy<Glossary> LazyGlossary = new(() => Glossary.Load(Path.Combine(AppContext.BaseDirectory, "data", "glossary.tsv")));

    /// <summary>One analyzer for the whole run, with the domain dictionary: jieba's dictionaries load once.</summary>
    public static TextAnalyzer Analyzer => LazyAnalyzer.Value;

    /// <summary>The glossary of data/ (copied beside the test binaries with the API's data files).</summary>
    public static Glossary Glossary => LazyGlossary.Value;
}
