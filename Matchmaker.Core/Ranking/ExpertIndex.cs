using Matchmaker.Core.Experts;
using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>One work as the ranker keeps it.</summary>
public sealed record IndexedWork(string Title, WorkKind Kind, int? Year, SparseVector Vector);

/// <summary>What the index keeps of one expert: enough to rank, filter, explain and name it without a database read.</summary>
public sealed record IndexedExpert(
    string Id, string Name, ExpertKind Kind, string? Organization, string? Region, bool Available, int Capacity,
    IReadOnlyList<string> Fields, string Evidence, SparseVector Whole, SparseVector Profile, IReadOnlyList<IndexedWork> Works);

/// <summary>
/// An immutable snapshot of every expert's vectors: the whole text, the profile and each work, weighted by one
/// fitted <see cref="TextFeaturizer"/> and <see cref="TermWeights"/>, with inverted postings over the whole-text
/// vectors and over each field's pooled vector. Changes go into a small second segment (and hide the old entry in
/// the main one), so an upsert costs the size of that segment, not of the index; a refit merges them.
/// </summary>
public sealed class ExpertIndex
{
    private readonly Segment _main;
    private readonly Segment _delta;
    private readonly HashSet<int> _hidden; // ordinals in the main segment superseded by the delta or deleted
    private readonly string[] _fields;
    private readonly Dictionary<string, int> _fieldIds;
    private readonly Postings _fieldPostings;

    private ExpertIndex(TextFeaturizer featurizer, TermWeights weights, Glossary glossary, Segment main, Segment delta,
        HashSet<int> hidden, string[] fields, Postings fieldPostings)
    {
        Featurizer = featurizer;
        Weights = weights;
        Glossary = glossary;
        _main = main;
        _delta = delta;
        _hidden = hidden;
        _fields = fields;
        _fieldIds = fields.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        _fieldPostings = fieldPostings;
    }

    public TextFeaturizer Featurizer { get; }
    public TermWeights Weights { get; }
    public Glossary Glossary { get; }

    /// <summary>Number of experts in the index.</summary>
    public int Count => _main.Experts.Length - _hidden.Count + _delta.Experts.Length;

    /// <summary>Number of experts changed since the last full build.</summary>
    public int PendingChanges => _delta.Experts.Length + _hidden.Count;

    public static ExpertIndex Build(TextAnalyzer analyzer, IReadOnlyList<Expert> experts, Glossary? glossary = null)
    {
        var documents = new List<string>();
        foreach (var expert in experts)
        {
            documents.Add(ExpertText.Profile(expert));
            documents.AddRange(expert.Works.Select(ExpertText.Of));
        }
        var (featurizer, counts) = TextFeaturizer.Fit(analyzer, documents);
        var perExpert = new List<SparseVector[]>(experts.Count);
        var at = 0;
        foreach (var expert in experts)
        {
            perExpert.Add(counts.GetRange(at, 1 + expert.Works.Count).ToArray());
            at += 1 + expert.Works.Count;
        }
        var wholeCounts = perExpert.Select(SparseVectors.Sum).ToList();
        var weights = TermWeights.FromCounts(wholeCounts, featurizer.VocabularySize);
        var entries = experts.Select((e, i) => Entry(e, weights, perExpert[i], wholeCounts[i])).ToArray();

        var byField = entries.SelectMany(e => e.Fields.Select(f => (Field: f, e.Whole))).GroupBy(p => p.Field, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var fields = byField.Select(g => g.Key).ToArray();
        var centroids = byField.Select(g => SparseVectors.Centroid(g.Select(p => p.Whole))).ToList();
        return new ExpertIndex(featurizer, weights, glossary ?? Glossary.Empty, new Segment(entries, featurizer.VocabularySize),
            Segment.Empty(featurizer.VocabularySize), [], fields, new Postings(centroids));
    }

    /// <summary>
    /// A new snapshot with <paramref name="upserts"/> vectorised by this snapshot's model and <paramref name="deletes"/>
    /// gone. Field vectors and IDF stay as they are until the next full build.
    /// </summary>
    public ExpertIndex With(IReadOnlyList<Expert> upserts, IReadOnlyCollection<string> deletes)
    {
        var changed = upserts.Select(e => e.Id).Concat(deletes).ToHashSet(StringComparer.Ordinal);
        var hidden = new HashSet<int>(_hidden);
        foreach (var id in changed)
            if (_main.OrdinalOf(id) is { } ordinal) hidden.Add(ordinal);
        var texts = upserts.SelectMany(e => new[] { ExpertText.Profile(e) }.Concat(e.Works.Select(ExpertText.Of))).ToList();
        var counts = texts.Count == 0 ? [] : Featurizer.CountsMany(texts);
        var fresh = new List<IndexedExpert>();
        var at = 0;
        foreach (var expert in upserts)
        {
            var documents = counts.GetRange(at, 1 + expert.Works.Count).ToArray();
            at += 1 + expert.Works.Count;
            fresh.Add(Entry(expert, Weights, documents, SparseVectors.Sum(documents)));
        }
        var delta = _delta.Experts.Where(e => !changed.Contains(e.Id)).Concat(fresh).ToArray();
        return new ExpertIndex(Featurizer, Weights, Glossary, _main, new Segment(delta, Featurizer.VocabularySize), hidden,
            _fields, _fieldPostings);
    }

    public IndexedExpert? Find(string id) =>
        _delta.OrdinalOf(id) is { } d ? _delta.Experts[d]
        : _main.OrdinalOf(id) is { } m && !_hidden.Contains(m) ? _main.Experts[m] : null;

    /// <summary>Every live expert (for brute-force checks and evaluation).</summary>
    public IEnumerable<IndexedExpert> Experts =>
        _main.Experts.Where((_, i) => !_hidden.Contains(i)).Concat(_delta.Experts);

    /// <summary>Available experts that share a term with <paramref name="query"/>, with their whole-text cosine.</summary>
    public List<(IndexedExpert Expert, float Whole)> Candidates(SparseVector query)
    {
        var candidates = new List<(IndexedExpert, float)>();
        Collect(_main, query, _hidden, candidates);
        Collect(_delta, query, null, candidates);
        return candidates;
    }

    /// <summary>The cosine of <paramref name="query"/> with the pooled vector of each field, by field name.</summary>
    public Func<string, float> FieldScores(SparseVector query)
    {
        var scores = _fieldPostings.Scores(query);
        return field => _fieldIds.TryGetValue(field, out var id) ? scores[id] : 0;
    }

    private static void Collect(Segment segment, SparseVector query, HashSet<int>? hidden, List<(IndexedExpert, float)> into)
    {
        if (segment.Experts.Length == 0) return;
        var scores = segment.Postings.Scores(query);
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] <= 0 || !segment.Experts[i].Available || (hidden is not null && hidden.Contains(i))) continue;
            into.Add((segment.Experts[i], scores[i]));
        }
    }

    private static IndexedExpert Entry(Expert expert, TermWeights weights, SparseVector[] documents, SparseVector wholeCounts)
    {
        var works = expert.Works.Select((w, i) => new IndexedWork(w.Title, w.Kind, w.Year, weights.Weigh(documents[1 + i]))).ToList();
        var evidence = string.Join('\n', expert.Fields.Concat(expert.Works.Select(w => w.Title)).Concat(expert.Works.SelectMany(w => w.Keywords)))
            .ToLowerInvariant();
        return new IndexedExpert(expert.Id, expert.Name, expert.Kind, expert.Organization, expert.Region, expert.Available,
            expert.Capacity, expert.Fields, evidence, weights.Weigh(wholeCounts), weights.Weigh(documents[0]), works);
    }

    private sealed class Segment
    {
        private readonly Dictionary<string, int> _ordinals;

        public Segment(IndexedExpert[] experts, int vocabularySize)
        {
            Experts = experts;
            _ordinals = new Dictionary<string, int>(experts.Length, StringComparer.Ordinal);
            for (var i = 0; i < experts.Length; i++) _ordinals[experts[i].Id] = i;
            Postings = new Postings(experts.Select(e => e.Whole).ToList());
        }

        public static Segment Empty(int vocabularySize) => new([], vocabularySize);

        public IndexedExpert[] Experts { get; }
        public Postings Postings { get; }
        public int? OrdinalOf(string id) => _ordinals.TryGetValue(id, out var ordinal) ? ordinal : null;
    }
}
