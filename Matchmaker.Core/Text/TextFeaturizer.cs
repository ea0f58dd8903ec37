using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Matchmaker.Core.Text;

/// <summary>
/// The ML.NET text pipeline: analyzer terms (custom mapping) → term keys → bag of term counts. Fitted once on a
/// corpus, whose vocabulary it keeps; <see cref="TermWeights"/> turns the counts into weighted, unit-length vectors.
/// Fitting reads (and tokenizes) the corpus once and hands back its counts so callers need not tokenize it again.
/// </summary>
public sealed class TextFeaturizer
{
    private readonly ITransformer _model;
    private readonly MLContext _ml;
    private readonly string[] _terms;
    private readonly ConcurrentBag<PredictionEngine<TextInput, TextCounts>> _engines = [];

    private TextFeaturizer(MLContext ml, ITransformer model, string[] terms)
    {
        _ml = ml;
        _model = model;
        _terms = terms;
    }

    /// <summary>Number of terms in the fitted vocabulary.</summary>
    public int VocabularySize => _terms.Length;

    /// <summary>The text of term <paramref name="index"/>, as the analyzer produced it.</summary>
    public string Term(int index) => _terms[index];

    /// <summary>Fits the vocabulary on <paramref name="corpus"/> and returns the term counts of each of its texts.</summary>
    public static (TextFeaturizer Featurizer, List<SparseVector> Counts) Fit(TextAnalyzer analyzer, IReadOnlyList<string> corpus)
    {
        var ml = new MLContext(seed: 0);
        // Tokenizing is most of the cost of a build: done on every core up front, and the pipeline's custom mapping
        // takes these terms as they are instead of segmenting the text again.
        var terms = new string[corpus.Count][];
        Parallel.For(0, corpus.Count, i => terms[i] = analyzer.Tokenize(corpus[i]).ToArray());
        var documents = corpus.Select((text, i) => new TextInput { Text = text, Terms = terms[i], Tokenized = true }).ToList();
        // A corpus without a single term (a new, empty database) would give a zero-length vector that ML.NET refuses:
        // one placeholder document keeps the pipeline valid until real experts arrive and the index is refitted.
        var placeholder = !terms.Any(t => t.Length > 0);
        if (placeholder) documents.Add(new TextInput { Text = EmptyCorpusPlaceholder });
        var data = ml.Data.LoadFromEnumerable(documents);

        var tokenizer = ml.Transforms.CustomMapping<TextInput, TextTerms>(
            (input, output) => output.Terms = input.Tokenized ? input.Terms : analyzer.Tokenize(input.Text).ToArray(),
            contractName: null).Fit(data);
        // Cached so that fitting the vocabulary and counting the corpus read the terms once.
        var tokens = ml.Data.Cache(tokenizer.Transform(data));
        var counter = ml.Transforms.Conversion.MapValueToKey(nameof(TextTerms.Terms), maximumNumberOfKeys: 10_000_000)
            .Append(ml.Transforms.Text.ProduceNgrams(nameof(TextCounts.Counts), nameof(TextTerms.Terms),
                ngramLength: 1, useAllLengths: false, maximumNgramsCount: 10_000_000,
                weighting: NgramExtractingEstimator.WeightingCriteria.Tf))
            .Fit(tokens);
        var counted = counter.Transform(tokens);

        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        counted.Schema[nameof(TextCounts.Counts)].GetSlotNames(ref slotNames);
        var featurizer = new TextFeaturizer(ml, tokenizer.Append(counter), slotNames.DenseValues().Select(n => n.ToString()).ToArray());
        var counts = Read(counted);
        if (placeholder) counts.RemoveAt(counts.Count - 1);
        return (featurizer, counts);
    }

    /// <summary>The term counts of one text. Thread-safe: prediction engines are pooled because one is not.</summary>
    public SparseVector Counts(string text)
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

    /// <summary>The term counts of many texts in one pass through the pipeline.</summary>
    public List<SparseVector> CountsMany(IReadOnlyList<string> texts) =>
        Read(_model.Transform(_ml.Data.LoadFromEnumerable(texts.Select(text => new TextInput { Text = text }))));

    private static List<SparseVector> Read(IDataView data)
    {
        var column = data.Schema[nameof(TextCounts.Counts)];
        var vectors = new List<SparseVector>();
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            vectors.Add(ToSparse(buffer));
        }
        return vectors;
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

        /// <summary>Terms computed before the pipeline ran (index builds); empty for texts that come one at a time.</summary>
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
