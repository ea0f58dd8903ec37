using System.Text.Json;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

namespace Matchmaker.Bench;

/// <summary>The demo experts the synthetic corpus is built from, and the problems used as queries.</summary>
internal sealed record DemoData(IReadOnlyList<Expert> Experts, IReadOnlyList<ProblemQuery> Queries)
{
    // Web defaults: camelCase, unknown fields (enterpriseId, urgency, ...) skipped; enums carry their own converters.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DemoData Load(string root)
    {
        var experts = Lines<Expert>(Path.Combine(root, "data", "experts.jsonl")).ToList();
        var queries = Lines<ProblemLine>(Path.Combine(root, "data", "problems.jsonl"))
            .Concat(Lines<ProblemLine>(Path.Combine(root, "data", "eval", "problems.jsonl")))
            .Select(p => new ProblemQuery(p.Title, p.Description, p.Industry, p.Region, p.Keywords ?? []))
            .ToList();
        return new DemoData(experts, queries);
    }

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Matchmaker.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository.");
    }

    /// <summary>The demo data, a synthetic corpus of <paramref name="experts"/> made from its experts, and their index (with the demo dictionary and glossary).</summary>
    public static (DemoData Demo, IReadOnlyList<Expert> Corpus, ExpertIndex Index) Indexed(int experts)
    {
        var root = FindRepositoryRoot();
        var demo = Load(root);
        var analyzer = new TextAnalyzer(domainDictionary: Path.Combine(root, "data", "dictionary.txt"));
        var glossaryFile = Path.Combine(root, "data", "glossary.tsv");
        var corpus = new CorpusGenerator(demo.Experts).Generate(experts);
        return (demo, corpus, ExpertIndex.Build(analyzer, corpus, File.Exists(glossaryFile) ? Glossary.Load(glossaryFile) : Glossary.Empty));
    }

    private static IEnumerable<T> Lines<T>(string file) => File.ReadLines(file)
        .Where(line => !string.IsNullOrWhiteSpace(line))
        .Select(line => JsonSerializer.Deserialize<T>(line, Json)!);

    private sealed record ProblemLine(string Id, string? Title, string? Description, string? Industry, string? Region, List<string>? Keywords);
}
