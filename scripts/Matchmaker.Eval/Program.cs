// Evaluates the ranker on data/eval and on every set under ../shared/eval/ and prints the metrics.
// Usage: dotnet run -c Release --project scripts/Matchmaker.Eval [-- <repo root>]
using System.Diagnostics;
using Matchmaker.Core.Evaluation;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

var root = args.Length > 0 ? Path.GetFullPath(args[0]) : FindRepositoryRoot();
var analyzer = new TextAnalyzer();
var sets = new List<EvalSet>();
if (File.Exists(Path.Combine(root, "data", "eval", "qrels.tsv")))
    sets.Add(EvalSet.Load("data/eval", Path.Combine(root, "data", "experts.jsonl"),
        Path.Combine(root, "data", "eval", "problems.jsonl"), Path.Combine(root, "data", "eval", "qrels.tsv")));
var shared = Path.Combine(root, "..", "shared", "eval");
if (Directory.Exists(shared))
    sets.AddRange(Directory.GetDirectories(shared).Order(StringComparer.Ordinal).Select(EvalSet.LoadFolder));
else
    Console.WriteLine($"(no shared evaluation sets: {Path.GetFullPath(shared)} is absent)");

foreach (var set in sets)
{
    var watch = Stopwatch.StartNew();
    var index = ExpertIndex.Build(analyzer, set.Experts);
    var metrics = Evaluator.Run(set, index);
    Console.WriteLine($"{set.Name,-22} Matchmaker  {metrics}  [{set.Experts.Count} experts, {watch.Elapsed.TotalSeconds:F1} s]");
    foreach (var subset in Subsets(set))
        if (subset.Problems.Count > 0)
            Console.WriteLine($"{"  " + subset.Name,-22} Matchmaker  {Evaluator.Run(subset, index)}");
}

// The bilingual slices of a set: problems written in English, and Chinese problems whose best experts all write in English.
static IEnumerable<EvalSet> Subsets(EvalSet set)
{
    var english = set.Experts.Where(e => e.Languages.Contains("en") && !e.Languages.Contains("zh")).Select(e => e.Id).ToHashSet();
    bool IsChinese(Problem p) => $"{p.Title}{p.Description}".Any(c => c is >= '\u4e00' and <= '\u9fff');
    yield return set.Subset("English problems", p => !IsChinese(p));
    yield return set.Subset("zh → en experts", p => IsChinese(p) && set.Judgements[p.Id] is var grades
        && grades.Where(g => g.Value == grades.Values.Max()).All(g => english.Contains(g.Key)));
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Matchmaker.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository or pass its path.");
}
