using Matchmaker.Core.Text;

namespace Matchmaker.Tests;

/// <summary>Objects that are expensive to build and safe to share between tests.</summary>
internal static class Shared
{
    private static readonly Lazy<TextAnalyzer> LazyAnalyzer = new(() => new TextAnalyzer());

    /// <summary>One analyzer for the whole run: jieba's dictionary loads once.</summary>
    public static TextAnalyzer Analyzer => LazyAnalyzer.Value;
}
