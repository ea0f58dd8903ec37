using System.Text;
using System.Text.Json;
using JiebaNet.Segmenter;
using Matchmaker.Core.Text;

namespace Matchmaker.Tests.Text;

/// <summary>
/// <see cref="WordSegmenter"/> is a faster jieba, so jieba.NET itself is the oracle: every case compares the two.
/// The domain dictionary is loaded first (through <see cref="Shared.Analyzer"/>, as the application loads it),
/// because its words change the routes.
/// </summary>
public class WordSegmenterTests
{
    private static readonly Lazy<WordSegmenter> LazySegmenter = new(() =>
    {
        // Points jieba at its Resources folder and loads data/dictionary.txt into jieba's dictionary.
        _ = Shared.Analyzer;
        return new WordSegmenter(WordDictionary.Instance);
    });

    private static WordSegmenter Segmenter => LazySegmenter.Value;

    [Test]
    public void Gives_the_words_jieba_gives_on_every_chinese_run_of_the_demo_and_eval_data()
    {
        var runs = DataRuns().Distinct().ToList();
        var mismatches = new List<string>();
        var words = 0;
        foreach (var run in runs)
        {
            var expected = JiebaWords(run);
            var actual = Segment(run);
            words += expected.Count;
            if (!actual.SequenceEqual(expected) && mismatches.Count < 10)
                mismatches.Add($"{run}: jieba {Show(run, expected)}, segmenter {Show(run, actual)}");
        }

        TestContext.Out.WriteLine($"compared {runs.Count} distinct runs, {words} words of two or more characters");
        Assert.That(WordDictionary.Instance.ContainsWord("注塑模具"), Is.True, "the domain dictionary is loaded");
        Assert.That(runs, Has.Count.GreaterThan(4000));
        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Keeps_domain_terms_whole()
    {
        Assert.That(Words("注塑模具的冷却水路设计"), Does.Contain("注塑模具"));
        Assert.That(Words("采用测土配方施肥技术"), Does.Contain("测土配方施肥"));
        AssertSameAsJieba("注塑模具的冷却水路设计");
        AssertSameAsJieba("采用测土配方施肥技术");
    }

    [Test]
    public void Finds_words_jieba_does_not_know_through_its_hmm()
    {
        // 杭研 is in no dictionary: the route leaves 杭 and 研 as single characters and the HMM joins them.
        Assert.That(WordDictionary.Instance.ContainsWord("杭研"), Is.False);
        Assert.That(Words("他来到了网易杭研大厦"), Does.Contain("杭研"));
        AssertSameAsJieba("他来到了网易杭研大厦");
        AssertSameAsJieba("小明硕士毕业于中国科学院计算所");
    }

    [Test]
    public void Hands_a_run_with_a_character_outside_jiebas_chinese_class_to_jieba()
    {
        // U+3400 (extension A) and U+9FD6 are Han to the analyzer but not to jieba's U+4E00..U+9FD5 expression.
        Assert.That(Segment("㐀注塑模具"), Is.EqualTo(new[] { (1, 4) }));
        AssertSameAsJieba("㐀注塑模具");
        AssertSameAsJieba("鿖鿖注塑模具㐀㐁测土配方施肥");
        AssertSameAsJieba("注塑 mold 模具，涂层");
    }

    [Test]
    public void Gives_nothing_for_a_single_character_or_an_empty_run()
    {
        Assert.That(Segment("模"), Is.Empty);
        Assert.That(Segment("㐀"), Is.Empty);
        Assert.That(Segment(""), Is.Empty);
    }

    [Test]
    public void Appends_to_the_words_already_in_the_list()
    {
        var words = new List<(int Start, int Length)> { (7, 7) };

        Segmenter.Segment("注塑模具", words);

        Assert.That(words, Is.EqualTo(new[] { (7, 7), (0, 4) }));
    }

    [Test]
    public void Gives_the_same_words_when_many_threads_segment_at_once()
    {
        var runs = DataRuns().Where(run => run.Length >= 2).Take(3000).ToArray();
        var expected = runs.Select(Segment).ToArray();
        var actual = new List<(int Start, int Length)>[runs.Length];

        Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = Segment(runs[i]));

        Assert.That(actual, Is.EqualTo(expected));
    }

    private static void AssertSameAsJieba(string run) =>
        Assert.That(Segment(run), Is.EqualTo(JiebaWords(run)), run);

    private static List<(int Start, int Length)> Segment(string run)
    {
        var words = new List<(int Start, int Length)>();
        Segmenter.Segment(run, words);
        return words;
    }

    private static List<string> Words(string run) => [.. Segment(run).Select(word => run.Substring(word.Start, word.Length))];

    // jieba's Cut keeps every character, so a word's start is the length of the words before it.
    private static List<(int Start, int Length)> JiebaWords(string run)
    {
        _ = LazySegmenter.Value;
        var words = new List<(int Start, int Length)>();
        var at = 0;
        foreach (var word in new JiebaSegmenter().Cut(run, cutAll: false, hmm: true))
        {
            if (word.Length >= 2) words.Add((at, word.Length));
            at += word.Length;
        }
        return words;
    }

    private static string Show(string run, List<(int Start, int Length)> words) =>
        string.Join('/', words.Select(word => run.Substring(word.Start, word.Length)));

    // The runs TextAnalyzer hands to jieba: its Han class, on the text as written and as folded by NFKC and
    // lower-casing (its traditional-to-simplified table is internal; unfolded traditional text only adds cases).
    private static IEnumerable<string> DataRuns()
    {
        foreach (var text in DataTexts())
        {
            foreach (var run in HanRuns(text)) yield return run;
            var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
            if (folded != text)
                foreach (var run in HanRuns(folded)) yield return run;
        }
    }

    private static IEnumerable<string> HanRuns(string text)
    {
        for (var start = 0; start < text.Length;)
        {
            if (!IsHan(text[start]))
            {
                start++;
                continue;
            }
            var end = start + 1;
            while (end < text.Length && IsHan(text[end])) end++;
            yield return text[start..end];
            start = end;
        }
    }

    // TextAnalyzer's CharKind.Han.
    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\uf900' and <= '\ufaff';

    // Expert profiles, work titles and abstracts; problem titles and descriptions (demo and evaluation problems).
    private static IEnumerable<string> DataTexts()
    {
        var data = Path.Combine(Paths.RepositoryRoot, "data");
        foreach (var expert in JsonLines(Path.Combine(data, "experts.jsonl")))
        {
            yield return Text(expert, "profile");
            if (!expert.TryGetProperty("works", out var works)) continue;
            foreach (var work in works.EnumerateArray())
            {
                yield return Text(work, "title");
                yield return Text(work, "abstract");
            }
        }
        foreach (var file in new[] { Path.Combine(data, "problems.jsonl"), Path.Combine(data, "eval", "problems.jsonl") })
        {
            foreach (var problem in JsonLines(file))
            {
                yield return Text(problem, "title");
                yield return Text(problem, "description");
            }
        }
    }

    private static IEnumerable<JsonElement> JsonLines(string path)
    {
        foreach (var line in File.ReadLines(path))
            if (!string.IsNullOrWhiteSpace(line)) yield return JsonDocument.Parse(line).RootElement;
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
