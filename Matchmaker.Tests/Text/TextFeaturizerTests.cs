using Matchmaker.Core.Text;

namespace Matchmaker.Tests.Text;

public class TextFeaturizerTests
{
    [Test]
    public void Fits_an_empty_corpus_and_gives_empty_vectors()
    {
        var (featurizer, _) = TextFeaturizer.Fit(Shared.Analyzer, []);
        Assert.That(featurizer.Counts("遮光涂层").IsEmpty, Is.True);
    }
}
