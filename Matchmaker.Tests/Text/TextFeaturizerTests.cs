using Matchmaker.Core.Evaluation;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

namespace Matchmaker.Tests.Text;

public class TextFeaturizerTests
{
    [Test]
    public void Fits_an_empty_corpus_and_gives_empty_vectors()
    {
        var (featurizer, _) = TextFeaturizer.Fit(Shared.Analyzer, []);
        Assert.That(featurizer.Counts("遮光涂层").IsEmpty, Is.True);
        Assert.That(featurizer.PipelineCounts("遮光涂层").IsEmpty, Is.True);
    }

    [Test]
    public void Counts_the_corpus_on_every_core_and_each_text_alone_exactly_as_the_ml_net_pipeline_counts_it()
    {
        var corpus = DemoTexts();
        var (featurizer, counts) = TextFeaturizer.Fit(Shared.Analyzer, corpus);
        var problems = File.ReadLines(Path.Combine(Paths.RepositoryRoot, "data", "problems.jsonl")).Take(100).ToList();
        var again = featurizer.CountsMany(problems);

        Assert.That(counts, Has.Count.EqualTo(corpus.Count));
        Assert.That(featurizer.VocabularySize, Is.GreaterThan(10_000));
        for (var i = 0; i < corpus.Count; i++)
            AssertSame(counts[i], featurizer.PipelineCounts(corpus[i]), corpus[i]);
        for (var i = 0; i < problems.Count; i++)
        {
            AssertSame(again[i], featurizer.PipelineCounts(problems[i]), problems[i]);
            AssertSame(featurizer.Counts(problems[i]), featurizer.PipelineCounts(problems[i]), problems[i]);
        }
    }

    [Test]
    public void Fits_the_same_vocabulary_and_counts_on_every_run()
    {
        var corpus = DemoTexts();

        var (first, firstCounts) = TextFeaturizer.Fit(Shared.Analyzer, corpus);
        var (second, secondCounts) = TextFeaturizer.Fit(Shared.Analyzer, corpus);

        Assert.That(Enumerable.Range(0, second.VocabularySize).Select(second.Term),
            Is.EqualTo(Enumerable.Range(0, first.VocabularySize).Select(first.Term)));
        for (var i = 0; i < corpus.Count; i++) AssertSame(secondCounts[i], firstCounts[i], corpus[i]);
    }

    private static void AssertSame(SparseVector actual, SparseVector expected, string text)
    {
        Assert.That(actual.Indices, Is.EqualTo(expected.Indices), text);
        Assert.That(actual.Values, Is.EqualTo(expected.Values), text);
    }

    // Every document of the demo experts, as the index reads them.
    private static List<string> DemoTexts()
    {
        var data = Path.Combine(Paths.RepositoryRoot, "data");
        var set = EvalSet.Load("data/eval", Path.Combine(data, "experts.jsonl"),
            Path.Combine(data, "eval", "problems.jsonl"), Path.Combine(data, "eval", "qrels.tsv"));
        return set.Experts.SelectMany(e => e.Works.Select(ExpertText.Of).Prepend(ExpertText.Profile(e))).ToList();
    }
}
