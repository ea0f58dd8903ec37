using System.Text.Json;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Evaluation;

/// <summary>
/// A labelled set: experts, problems and graded judgements (<c>problem_id TAB expert_id TAB grade</c>).
/// Used by the evaluation script and the ranking regression tests.
/// </summary>
public sealed record EvalSet(string Name, IReadOnlyList<Expert> Experts, IReadOnlyList<Problem> Problems,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Judgements)
{
    /// <summary>Loads <paramref name="problemsFile"/> and <paramref name="qrelsFile"/> against the experts in <paramref name="expertsFile"/>.</summary>
    public static EvalSet Load(string name, string expertsFile, string problemsFile, string qrelsFile)
    {
        // Ranking quality is measured on every judged expert, so availability is not applied here.
        var experts = ReadLines<Expert>(expertsFile).Select(e => e with { Available = true }).ToList();
        var problems = ReadLines<Problem>(problemsFile).ToList();
        var judgements = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(qrelsFile))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3) continue;
            if (!judgements.TryGetValue(parts[0], out var grades)) judgements[parts[0]] = grades = new(StringComparer.Ordinal);
            grades[parts[1]] = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        return new EvalSet(name, experts, problems.Where(p => judgements.ContainsKey(p.Id)).ToList(),
            judgements.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>The same set restricted to the problems that <paramref name="keep"/> selects.</summary>
    public EvalSet Subset(string name, Func<Problem, bool> keep)
    {
        var problems = Problems.Where(keep).ToList();
        var ids = problems.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return this with
        {
            Name = name,
            Problems = problems,
            Judgements = Judgements.Where(j => ids.Contains(j.Key)).ToDictionary(j => j.Key, j => j.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>A folder with experts.jsonl, problems.jsonl and qrels.tsv (the layout of ../shared/eval/*).</summary>
    public static EvalSet LoadFolder(string folder) => Load(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)),
        Path.Combine(folder, "experts.jsonl"), Path.Combine(folder, "problems.jsonl"), Path.Combine(folder, "qrels.tsv"));

    private static IEnumerable<T> ReadLines<T>(string file) => File.ReadLines(file)
        .Where(line => !string.IsNullOrWhiteSpace(line))
        .Select(line => JsonSerializer.Deserialize<T>(line, LenientJson)!);

    // Shared evaluation sets may carry fields Matchmaker does not model (and nulls for lists); read what we know.
    private static readonly JsonSerializerOptions LenientJson = new(MatchmakerJson.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
        RespectNullableAnnotations = false,
    };
}
