using System.Text.RegularExpressions;
using Matchmaker.Core.Evaluation;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Tests.Text;

public class GlossaryTests
{
    [Test]
    public void Expands_every_demo_and_evaluation_problem_as_a_scan_of_every_entry_would()
    {
        var data = Path.Combine(Paths.RepositoryRoot, "data");
        var texts = EvalSet.Load("data/eval", Path.Combine(data, "experts.jsonl"), Path.Combine(data, "eval", "problems.jsonl"), Path.Combine(data, "eval", "qrels.tsv"))
            .Problems.Select(p => ExpertText.Of(ProblemQuery.From(p)))
            .Concat(File.ReadLines(Path.Combine(data, "problems.jsonl")))
            .Concat(File.ReadLines(Path.Combine(data, "experts.jsonl")).Take(100))
            .Concat(["", "PVDF membrane fouling", "membranes", "超临界二氧化碳染色工艺", "Ｂ１级阻燃"])
            .ToList();
        var entries = File.ReadLines(Path.Combine(Paths.RepositoryRoot, "data", "glossary.tsv")).Select(l => l.Split('\t'))
            .Where(e => e.Length >= 2 && e[0].Trim().Length > 0)
            .Select(e => (Chinese: e[0].Trim(), English: e.Skip(1).SelectMany(p => p.Split('|')).Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).ToList()))
            .Where(e => e.English.Count > 0)
            .OrderByDescending(e => e.Chinese.Length)
            .ToList();

        var expansions = texts.Select(t => Shared.Glossary.Expand(t)).ToList();

        // The scan the index of first characters replaces: every entry, a Chinese term contained in the text or an
        // English one found as a word (a plural s allowed).
        var expected = texts.Select(text =>
        {
            var lower = text.ToLowerInvariant();
            return entries.Select(e => lower.Contains(e.Chinese, StringComparison.Ordinal) ? e.English[0]
                    : e.English.Any(w => Regex.IsMatch(lower, $@"(?<![\p{{L}}\p{{Nd}}]){Regex.Escape(w)}s?(?![\p{{L}}\p{{Nd}}])")) ? e.Chinese : null)
                .OfType<string>().ToList();
        }).ToList();
        Assert.That(expansions.Sum(e => e.Count), Is.GreaterThan(texts.Count));
        Assert.That(expansions, Is.EqualTo(expected));
    }
}
