using System.Globalization;
using System.Text;
using JiebaNet.Segmenter;

namespace Matchmaker.Core.Text;

/// <summary>Receives one term of a text; the span is valid only during the call.</summary>
public delegate void TermHandler(ReadOnlySpan<char> term);

/// <summary>
/// Turns Chinese and English text into index terms. Chinese runs are segmented as jieba segments them (words of two or more
/// characters) and also cut into character bigrams, so a word jieba splits differently in the problem and in an
/// expert's work still meets through its bigrams. Latin words are lower-cased and lightly stemmed. Full-width forms
/// are folded by NFKC and common traditional characters to simplified ones. Thread-safe. jieba.NET's dictionary and HMM
/// do the segmenting through <see cref="WordSegmenter"/>, a faster walk of the same algorithm (same words, tested).
/// </summary>
public sealed class TextAnalyzer
{
    private static readonly object DictionaryLock = new();
    private static readonly HashSet<string> LoadedDictionaries = [];
    private readonly WordSegmenter _segmenter;
    private readonly HashSet<string> _stopWords;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopWordSpans;

    /// <param name="resourceFolder">jieba's dictionaries; by default the <c>Resources</c> folder beside the binaries.</param>
    /// <param name="domainDictionary">
    /// Industry terms jieba would split (jieba user-dictionary format); by default <c>data/dictionary.txt</c> beside
    /// the binaries when it exists. jieba's dictionary is process-wide, so the terms apply to every analyzer.
    /// </param>
    public TextAnalyzer(string? resourceFolder = null, string? domainDictionary = null)
    {
        var folder = resourceFolder ?? Path.Combine(AppContext.BaseDirectory, "Resources");
        var dictionary = domainDictionary ?? Path.Combine(AppContext.BaseDirectory, "data", "dictionary.txt");
        lock (DictionaryLock)
        {
            ConfigManager.ConfigFileBaseDir = folder;
            var segmenter = new JiebaSegmenter();
            // Loads jieba's main dictionary (~0.6 s) once, here, rather than inside the first request.
            _ = segmenter.Cut("初始化分词词典").ToList();
            if (File.Exists(dictionary) && LoadedDictionaries.Add(Path.GetFullPath(dictionary))) segmenter.LoadUserDict(dictionary);
        }
        _segmenter = new WordSegmenter(WordDictionary.Instance);
        _stopWords = LoadStopWords(Path.Combine(folder, "stopwords.txt"));
        _stopWordSpans = _stopWords.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The terms of <paramref name="text"/>, in order, repeats kept (term frequency matters).</summary>
    public List<string> Tokenize(string? text)
    {
        var terms = new List<string>();
        Tokenize(text, term => terms.Add(term.ToString()));
        return terms;
    }

    /// <summary>
    /// Hands each term of <paramref name="text"/> to <paramref name="term"/> as a span, in order, repeats kept: the
    /// corpus is counted this way, making a string per distinct term rather than per token. The span is valid only
    /// during the call.
    /// </summary>
    public void Tokenize(string? text, TermHandler term)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        var normalized = ChineseScript.ToSimplified(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant());
        var start = 0;
        while (start < normalized.Length)
        {
            var kind = KindOf(normalized[start]);
            var end = start + 1;
            while (end < normalized.Length && KindOf(normalized[end]) == kind) end++;
            var run = normalized.AsSpan(start, end - start);
            if (kind == CharKind.Han) AddChinese(run, term);
            else if (kind == CharKind.Latin) AddLatin(run, term);
            start = end;
        }
    }

    private void AddChinese(ReadOnlySpan<char> run, TermHandler term)
    {
        var words = _words ??= [];
        words.Clear();
        _segmenter.Segment(run, words);
        foreach (var (at, count) in words)
        {
            var word = run.Slice(at, count);
            if (!_stopWordSpans.Contains(word)) term(word);
        }
        Span<char> bigram = stackalloc char[3];
        bigram[0] = BigramMark;
        for (var i = 0; i + 1 < run.Length; i++)
        {
            if (StopCharacters.Contains(run[i]) || StopCharacters.Contains(run[i + 1])) continue;
            var pair = run.Slice(i, 2);
            if (_stopWordSpans.Contains(pair)) continue;
            pair.CopyTo(bigram[1..]);
            term(bigram);
        }
    }

    [ThreadStatic] private static List<(int Start, int Length)>? _words;

    private void AddLatin(ReadOnlySpan<char> run, TermHandler term)
    {
        if (run.Length < 2 || _stopWordSpans.Contains(run)) return;
        if (run.Length > 4 && !run.ContainsAnyExcept(AsciiDigits)) return;
        Span<char> stem = run.Length <= 64 ? stackalloc char[64] : new char[run.Length];
        term(Stem(run, stem));
    }

    private static readonly System.Buffers.SearchValues<char> AsciiDigits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>Bigram terms start with this mark so they never collide with a two-character jieba word.</summary>
    public const char BigramMark = '·';

    public static bool IsBigram(string term) => term.Length == 3 && term[0] == BigramMark;

    /// <summary>Whether jieba's dictionary knows <paramref name="text"/> as a word (used to show only readable bigrams).</summary>
    public static bool IsDictionaryWord(string text) => WordDictionary.Instance.ContainsWord(text);

    // Plural and a few common suffixes; enough for "coatings" to meet "coating". Writes into stem when it changes the word.
    private static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word, Span<char> stem)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            word[..^3].CopyTo(stem);
            stem[word.Length - 3] = 'y';
            return stem[..(word.Length - 2)];
        }
        if (word.Length > 3 && word[^1] == 's' && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal))
            return word[..^1];
        return word;
    }

    private enum CharKind { Other, Han, Latin }

    private static CharKind KindOf(char c)
    {
        if (c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\uf900' and <= '\ufaff') return CharKind.Han;
        if (char.IsAsciiLetterOrDigit(c)) return CharKind.Latin;
        return CharKind.Other;
    }

    // Function characters that make a bigram meaningless ("的涂", "和高").
    private static readonly HashSet<char> StopCharacters = [.. "的了和与及或在是为对把被从向于以其之而并等我你他她它们这那有也就都将又所该此个"];

    private static HashSet<string> LoadStopWords(string path)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var word = line.Trim().TrimStart('\uFEFF').ToLower(CultureInfo.InvariantCulture);
                if (word.Length > 0) words.Add(word);
            }
        }
        // Words every enterprise posting and every CV uses; they say nothing about the specialty.
        foreach (var word in new[] { "我司", "公司", "企业", "专家", "希望", "需要", "问题", "目前", "进行", "寻求", "寻找", "帮助", "相关", "方面", "我们", "现在", "一些", "能够", "通过", "主要", "研究", "技术" })
            words.Add(word);
        return words;
    }
}
