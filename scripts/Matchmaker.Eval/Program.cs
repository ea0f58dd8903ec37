// Evaluates the ranker on data/eval and on every set under ../shared/eval/ and prints the metrics, each line
// followed by a Lucene BM25 baseline's on the same problems and experts.
// With --ablations, also each set without feedback, without the glossary and with the whole-text cosine alone.
// Usage: dotnet run -c Release --project scripts/Matchmaker.Eval [-- [--ablations] [<repo root>]]
using System.Diagnostics;
using Matchmaker.Baselines;
using Matchmaker.Core.Evaluation;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

var ablations = args.Contains("--ablations");
var rootArgument = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
var root = rootArgument is not null ? Path.GetFullPath(rootArgument) : FindRepositoryRoot();
var analyzer = new TextAnalyzer(domainDictionary: Path.Combine(root, "data", "dictionary.txt"));
var glossaryFile = Path.Combine(root, "data", "glossary.tsv");
var glossary = File.Exists(glossaryFile) ? Glossary.Load(glossaryFile) : Glossary.Empty;
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
    var index = ExpertIndex.Build(analyzer, set.Experts, glossary);
    var metrics = Evaluator.Run(set, index);
    Console.WriteLine($"{set.Name,-22} Matchmaker  {metrics}  [{set.Experts.Count} experts, {watch.Elapsed.TotalSeconds:F1} s]");
    watch.Restart();
    using var bm25 = new Bm25Baseline(set.Experts);
    var baseline = RunBm25(set, bm25);
    Console.WriteLine($"{"",-22} BM25        {baseline}  [{set.Experts.Count} experts, {watch.Elapsed.TotalSeconds:F1} s]");
    foreach (var subset in Subsets(set))
        if (subset.Problems.Count > 0)
        {
            Console.WriteLine($"{"  " + subset.Name,-22} Matchmaker  {Evaluator.Run(subset, index)}");
            Console.WriteLine($"{"",-22} BM25        {RunBm25(subset, bm25)}");
        }
    var ratio = baseline.Ndcg10 > 0 ? $"{metrics.Ndcg10 / baseline.Ndcg10:F2}" : "n/a";
    Console.WriteLine($"{"",-22} NDCG@10 ratio Matchmaker / BM25: {ratio} (target >= 1.10)");
    if (!ablations) continue;
    var plain = RankingOptions.Default;
    var noGlossary = ExpertIndex.Build(analyzer, set.Experts);
    foreach (var (name, run) in new (string, Func<Metrics>)[]
    {
        ("no feedback", () => Evaluator.Run(set, index, options: plain with { Feedback = 0 })),
        ("no glossary", () => Evaluator.Run(set, noGlossary)),
        ("no field affinity", () => Evaluator.Run(set, index, options: plain with { Weights = plain.Weights with { FieldAffinity = 0 } })),
        ("no works", () => Evaluator.Run(set, index, options: plain with { Weights = plain.Weights with { TextWorks = 0 } })),
        ("whole text only", () => Evaluator.Run(set, index, options: new RankingOptions(new FeatureWeights(1, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 0))),
    })
        Console.WriteLine($"{"  - " + name,-22} Matchmaker  {run()}");
}

// The same depth as Evaluator.Run, so both rankers are scored on lists of equal length.
static Metrics RunBm25(EvalSet set, Bm25Baseline bm25) => Metrics.Compute(set.Judgements,
    set.Problems.ToDictionary(p => p.Id,
        p => (IReadOnlyList<string>)bm25.Search(ProblemQuery.From(p), 100).Select(h => h.ExpertId).ToList(),
        StringComparer.Ordinal));

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
