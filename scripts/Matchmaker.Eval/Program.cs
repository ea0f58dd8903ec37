// Evaluates the ranker on data/eval and on every set under ../shared/eval/ and prints the metrics.
// Usage: dotnet run -c Release --project scripts/Matchmaker.Eval [-- <repo root>]
using System.Diagnostics;
using Matchmaker.Core.Evaluation;
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
    var metrics = Evaluator.Run(set, analyzer);
    Console.WriteLine($"{set.Name,-12} Matchmaker  {metrics}  [{set.Experts.Count} experts, {watch.Elapsed.TotalSeconds:F1} s]");
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Matchmaker.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository or pass its path.");
}
