using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Matchmaker.Core.Text;

/// <summary>
/// The ML.NET text pipeline: analyzer terms (custom mapping) → term keys → bag of term counts, fitted on the
/// vocabulary of an expert corpus; <see cref="TermWeights"/> turns the counts into weighted, unit-length vectors.
/// Queries go through the pipeline. The corpus itself, a hundred million tokens at 100,000 experts, is counted on
/// every core against the pipeline's own term slots (<see cref="CountsMany"/>), which gives the pipeline's counts
/// (tested) without one string per token.
/// </summary>
public sealed class TextFeaturizer
{
    private readonly ITransformer _model;
    private readonly MLContext _ml;
    private readonly TextAnalyzer _analyzer;
    private readonly string[] _terms;
    private readonly bool[] _bigram;
    private readonly sbyte[] _dictionaryBigram; // per term: 0 not looked up yet, 1 a dictionary word, -1 not
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _slots;
    private readonly ConcurrentBag<PredictionEngine<TextInput, TextCounts>> _engines = [];

    private TextFeaturizer(MLContext ml, ITransformer model, TextAnalyzer analyzer, string[] terms)
    {
        _ml = ml;
        _model = model;
        _analyzer = analyzer;
        _terms = terms;
        _bigram = terms.Select(TextAnalyzer.IsBigram).ToArray();
        _dictionaryBigram = new sbyte[terms.Length];
        var slots = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (var i = 0; i < terms.Length; i++) slots[terms[i]] = i;
        _slots = slots.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Number of terms in the fitted vocabulary.</summary>
    public int VocabularySize => _terms.Length;

    /// <summary>The text of term <paramref name="index"/>, as the analyzer produced it.</summary>
    public string Term(int index) => _terms[index];

    /// <summary>Whether term <paramref name="index"/> is a character bigram (see <see cref="TextAnalyzer.BigramMark"/>).</summary>
    public bool IsBigram(int index) => _bigram[index];

    /// <summary>
    /// Whether term <paramref name="index"/> is a bigram whose two characters make a word of jieba's dictionary, looked up once
    /// per term (explanations ask it for the same few bigrams again and again). Concurrent callers may both look it up.
    /// </summary>
    public bool IsDictionaryBigram(int index)
    {
        var known = Volatile.Read(ref _dictionaryBigram[index]);
        if (known != 0) return known > 0;
        var word = _bigram[index] && TextAnalyzer.IsDictionaryWord(_terms[index][1..]);
        Volatile.Write(ref _dictionaryBigram[index], (sbyte)(word ? 1 : -1));
        return word;
    }

    /// <summary><paramref name="vector"/> without its character bigrams: the words (jieba's and English) alone.</summary>
    public SparseVector Words(SparseVector vector)
    {
        var count = 0;
        foreach (var term in vector.Indices)
            if (term >= _bigram.Length || !_bigram[term]) count++;
        if (count == vector.Indices.Length) return vector;
        var indices = new int[count];
        var values = new float[count];
        for (int k = 0, n = 0; k < vector.Indices.Length; k++)
        {
            var term = vector.Indices[k];
            if (term < _bigram.Length && _bigram[term]) continue;
            indices[n] = term;
            values[n++] = vector.Values[k];
        }
        return new SparseVector(indices, values);
    }

    /// <summary>
    /// Fits the vocabulary on <paramref name="corpus"/> and returns the term counts of each of its texts. The pipeline
    /// learns only the vocabulary (IDF is <see cref="TermWeights"/>' part), so it is fitted on the corpus's distinct
    /// terms in ordinal order: the same term ids on every run, however the threads that tokenized it were scheduled.
    /// </summary>
    public static (TextFeaturizer Featurizer, List<SparseVector> Counts) Fit(TextAnalyzer analyzer, IReadOnlyList<string> corpus)
    {
        var (found, counts) = CorpusCounter.CountAndIntern(analyzer, corpus);
        var vocabulary = found.OfType<string>().Order(StringComparer.Ordinal).ToArray();

        var ml = new MLContext(seed: 0);
        // A corpus without a single term (a new, empty database) would give a zero-length vector that ML.NET refuses:
        // a placeholder term keeps the pipeline valid until real experts arrive and the index is refitted.
        var data = ml.Data.LoadFromEnumerable(new[]
        {
            new TextInput { Terms = vocabulary.Length > 0 ? vocabulary : [EmptyCorpusPlaceholder], Tokenized = true },
        });
        var tokenizer = ml.Transforms.CustomMapping<TextInput, TextTerms>(
            (input, output) => output.Terms = input.Tokenized ? input.Terms : analyzer.Tokenize(input.Text).ToArray(),
            contractName: null).Fit(data);
        var terms = tokenizer.Transform(data);
        var counter = ml.Transforms.Conversion.MapValueToKey(nameof(TextTerms.Terms), maximumNumberOfKeys: 10_000_000)
            .Append(ml.Transforms.Text.ProduceNgrams(nameof(TextCounts.Counts), nameof(TextTerms.Terms),
                ngramLength: 1, useAllLengths: false, maximumNgramsCount: 10_000_000,
                weighting: NgramExtractingEstimator.WeightingCriteria.Tf))
            .Fit(terms);

        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        counter.Transform(terms).Schema[nameof(TextCounts.Counts)].GetSlotNames(ref slotNames);
        var featurizer = new TextFeaturizer(ml, tokenizer.Append(counter), analyzer, slotNames.DenseValues().Select(n => n.ToString()).ToArray());

        var map = new int[found.Length];
        for (var id = 0; id < found.Length; id++)
            map[id] = found[id] is { } term && featurizer._slots.TryGetValue(term, out var slot) ? slot : -1;
        CorpusCounter.Renumber(counts, map);
        return (featurizer, [.. counts]);
    }

    /// <summary>
    /// The term counts of one text, as the ML.NET pipeline counts them (<see cref="PipelineCounts"/>, checked by the
    /// tests) but without its prediction engine: every ranking counts its problem's text, and the engine's row
    /// machinery cost more than the counting.
    /// </summary>
    public SparseVector Counts(string text)
    {
        var slots = _slots;
        return CorpusCounter.CountOne(_analyzer, text, term => slots.TryGetValue(term, out var slot) ? slot : -1);
    }

    /// <summary>The term counts of one text, through the ML.NET pipeline. Thread-safe: prediction engines are pooled because one is not.</summary>
    public SparseVector PipelineCounts(string text)
    {
        if (!_engines.TryTake(out var engine))
            engine = _ml.Model.CreatePredictionEngine<TextInput, TextCounts>(_model);
        try
        {
            return ToSparse(engine.Predict(new TextInput { Text = text }).Counts);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>The term counts of many texts, on every core; terms outside the vocabulary are dropped, as the pipeline drops them.</summary>
    public List<SparseVector> CountsMany(IReadOnlyList<string> texts)
    {
        var slots = _slots;
        return [.. CorpusCounter.Count(_analyzer, texts, term => slots.TryGetValue(term, out var slot) ? slot : -1)];
    }

    private static SparseVector ToSparse(VBuffer<float> buffer)
    {
        var indices = new List<int>();
        var values = new List<float>();
        foreach (var (index, value) in buffer.Items())
        {
            if (value == 0 || float.IsNaN(value)) continue;
            indices.Add(index);
            values.Add(value);
        }
        return indices.Count == 0 ? SparseVector.Empty : new SparseVector([.. indices], [.. values]);
    }

    private const string EmptyCorpusPlaceholder = "matchmakeremptycorpus";

    private sealed class TextInput
    {
        public string Text { get; set; } = "";

        /// <summary>Terms given as they are (the vocabulary the pipeline is fitted on); empty for texts to tokenize.</summary>
        public string[] Terms { get; set; } = [];

        public bool Tokenized { get; set; }
    }

    private sealed class TextTerms
    {
        public string[] Terms { get; set; } = [];
    }

    private sealed class TextCounts
    {
        public VBuffer<float> Counts { get; set; }
    }
}
