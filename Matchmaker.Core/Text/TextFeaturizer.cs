using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Matchmaker.Core.Text;

/// <summary>
/// The ML.NET text pipeline: analyzer terms (custom mapping) → term keys → TF-IDF bag of terms → L2 norm.
/// Fitted once on the expert corpus, whose vocabulary and IDF it keeps; scoring only transforms.
/// </summary>
public sealed class TextFeaturizer
{
    private readonly ITransformer _model;
    private readonly MLContext _ml;
    private readonly string[] _terms;
    private readonly ConcurrentBag<PredictionEngine<TextInput, TextFeatures>> _engines = [];

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

    public static TextFeaturizer Fit(TextAnalyzer analyzer, IReadOnlyList<string> corpus)
    {
        var ml = new MLContext(seed: 0);
        var pipeline = ml.Transforms.CustomMapping<TextInput, TextTerms>(
                (input, output) => output.Terms = analyzer.Tokenize(input.Text).ToArray(), contractName: null)
            .Append(ml.Transforms.Conversion.MapValueToKey(nameof(TextTerms.Terms), maximumNumberOfKeys: 5_000_000))
            .Append(ml.Transforms.Text.ProduceNgrams(nameof(TextFeatures.Features), nameof(TextTerms.Terms),
                ngramLength: 1, useAllLengths: false, maximumNgramsCount: 5_000_000,
                weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm(nameof(TextFeatures.Features), norm: Microsoft.ML.Transforms.LpNormNormalizingEstimatorBase.NormFunction.L2));
        var documents = corpus.Select(text => new TextInput { Text = text }).ToList();
        // A corpus without a single term (a new, empty database) would give a zero-length vector that ML.NET refuses:
        // one placeholder document keeps the pipeline valid until real experts arrive and the index is refitted.
        if (!corpus.Any(text => analyzer.Tokenize(text).Count > 0)) documents.Add(new TextInput { Text = EmptyCorpusPlaceholder });
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(documents));
        var schema = model.GetOutputSchema(ml.Data.LoadFromEnumerable(documents).Schema);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        schema[nameof(TextFeatures.Features)].GetSlotNames(ref slotNames);
        var terms = slotNames.DenseValues().Select(name => name.ToString()).ToArray();
        return new TextFeaturizer(ml, model, terms);
    }

    /// <summary>One text's vector. Thread-safe: prediction engines are pooled because one is not.</summary>
    public SparseVector Transform(string text)
    {
        if (!_engines.TryTake(out var engine))
            engine = _ml.Model.CreatePredictionEngine<TextInput, TextFeatures>(_model);
        try
        {
            var output = engine.Predict(new TextInput { Text = text });
            return ToSparse(output.Features);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Many texts in one pass through the pipeline (index builds).</summary>
    public List<SparseVector> TransformMany(IReadOnlyList<string> texts)
    {
        var data = _model.Transform(_ml.Data.LoadFromEnumerable(texts.Select(text => new TextInput { Text = text })));
        var vectors = new List<SparseVector>(texts.Count);
        using var cursor = data.GetRowCursor([data.Schema[nameof(TextFeatures.Features)]]);
        var getter = cursor.GetGetter<VBuffer<float>>(data.Schema[nameof(TextFeatures.Features)]);
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
    }

    private sealed class TextTerms
    {
        public string[] Terms { get; set; } = [];
    }

    private sealed class TextFeatures
    {
        public VBuffer<float> Features { get; set; }
    }
}
