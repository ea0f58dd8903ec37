using Matchmaker.Core.Text;

namespace Matchmaker.Tests.Text;

public class TextAnalyzerTests
{
    [Test]
    public void Segments_chinese_into_words_and_bigrams()
    {
        var terms = Shared.Analyzer.Tokenize("遮光窗帘涂层低温开裂");

        Assert.That(terms, Does.Contain("涂层").And.Contain("开裂").And.Contain(TextAnalyzer.BigramMark + "遮光"));
        Assert.That(terms, Does.Contain(TextAnalyzer.BigramMark + "光窗"), "bigrams across jieba's word boundary");
    }

    [Test]
    public void Drops_stop_words_and_function_characters()
    {
        var terms = Shared.Analyzer.Tokenize("我司希望寻找专家的帮助");

        Assert.That(terms, Has.None.EqualTo("我司").And.None.EqualTo("专家").And.None.EqualTo("希望"));
        Assert.That(terms.Where(TextAnalyzer.IsBigram), Has.None.Contains("的"));
    }

    [Test]
    public void Lowercases_stems_and_folds_full_width_latin()
    {
        var terms = Shared.Analyzer.Tokenize("Polyurethane COATINGS for ＰＶＣ curtains and the studies");

        Assert.That(terms, Is.EqualTo(new[] { "polyurethane", "coating", "pvc", "curtain", "study" }));
    }

    [Test]
    public void Folds_traditional_characters_so_both_scripts_give_the_same_terms()
    {
        Assert.That(Shared.Analyzer.Tokenize("遮光塗層低溫開裂與纖維檢測"), Is.EqualTo(Shared.Analyzer.Tokenize("遮光涂层低温开裂与纤维检测")));
    }

    [Test]
    public void Gives_nothing_for_empty_or_punctuation_only_text()
    {
        Assert.That(Shared.Analyzer.Tokenize(null), Is.Empty);
        Assert.That(Shared.Analyzer.Tokenize("，。！？ —— ..."), Is.Empty);
    }
}
