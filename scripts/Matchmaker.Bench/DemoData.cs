using System.Text.Json;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

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

    private static IEnumerable<T> Lines<T>(string file) => File.ReadLines(file)
        .Where(line => !string.IsNullOrWhiteSpace(line))
        .Select(line => JsonSerializer.Deserialize<T>(line, Json)!);

    private sealed record ProblemLine(string Id, string? Title, string? Description, string? Industry, string? Region, List<string>? Keywords);
}
