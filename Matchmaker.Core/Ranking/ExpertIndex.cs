using System.Collections.Concurrent;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Text;

namespace Matchmaker.Core.Ranking;

/// <summary>One work as the ranker keeps it.</summary>
public sealed record IndexedWork(string Title, WorkKind Kind, int? Year, SparseVector Vector);

/// <summary>What the index keeps of one expert: enough to rank, filter, explain and name it without a database read.</summary>
/// <remarks><c>FieldIds</c> index the snapshot's field table (fields unknown to it are left out); City and Province
/// are parsed from Region once, here, rather than per query. Fields and works are arrays: every shortlist reads them
/// for 50 experts, and through a list interface each read was a dispatched call.</remarks>
public sealed record IndexedExpert(
    string Id, string Name, ExpertKind Kind, string? Organization, string? City, string? Province, bool Available, int Capacity,
    string[] Fields, int[] FieldIds, string Evidence, SparseVector Whole, SparseVector Profile, IndexedWork[] Works)
{
    /// <summary>The organization as conflicts of interest compare it (<see cref="Conflicts.OrganizationNames"/>), made once.</summary>
    public string? OrganizationKey { get; } = Conflicts.OrganizationNames.Key(Organization);

    /// <summary>The expert's availability window (either end open).</summary>
    public DateOnly? AvailableFrom { get; init; }

    public DateOnly? AvailableTo { get; init; }

    /// <summary>Whether the expert can be proposed on <paramref name="day"/>: available, and within the window.</summary>
    public bool AvailableOn(DateOnly day) => Available && !(day < AvailableFrom) && !(day > AvailableTo);
}

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
    private readonly IReadOnlyDictionary<string, int> _fieldIds;
    private readonly Postings _fieldPostings;
    private readonly ConcurrentDictionary<IndexedExpert, Feedback> _feedback;

    private ExpertIndex(TextFeaturizer featurizer, TermWeights weights, Glossary glossary, Segment main, Segment delta,
        HashSet<int> hidden, IReadOnlyDictionary<string, int> fieldIds, Postings fieldPostings,
        ConcurrentDictionary<IndexedExpert, Feedback>? feedback = null)
    {
        _feedback = feedback ?? new(ReferenceEqualityComparer.Instance);
        Featurizer = featurizer;
        Weights = weights;
        Glossary = glossary;
        _main = main;
        _delta = delta;
        _hidden = hidden;
        _fieldIds = fieldIds;
        _fieldPostings = fieldPostings;
    }

    private static long _generations;

    /// <summary>Unique to this snapshot and larger than any earlier one's: every change of the index makes a new one.</summary>
    public long Generation { get; } = Interlocked.Increment(ref _generations);

    public TextFeaturizer Featurizer { get; }
    public TermWeights Weights { get; }
    public Glossary Glossary { get; }

    /// <summary>Number of experts in the index.</summary>
    public int Count => _main.Experts.Length - _hidden.Count + _delta.Experts.Length;

    /// <summary>Up to this many changed experts are scanned by every query rather than indexed.</summary>
    public const int ScannedChanges = 1000;

    /// <summary>Fits the text model on <paramref name="experts"/> and indexes them; the work is spread over every core.</summary>
    public static ExpertIndex Build(TextAnalyzer analyzer, IReadOnlyList<Expert> experts, Glossary? glossary = null)
    {
        var (featurizer, counts) = TextFeaturizer.Fit(analyzer, experts.SelectMany(Documents).ToList());
        var perExpert = PerExpert(experts, counts);
        var wholeCounts = new SparseVector[experts.Count];
        Parallel.For(0, experts.Count, i => wholeCounts[i] = SparseVectors.Sum(perExpert[i]));
        var weights = TermWeights.FromCounts(wholeCounts, featurizer.VocabularySize);
        var fields = experts.SelectMany(e => e.Fields).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var fieldIds = fields.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        var entries = new IndexedExpert[experts.Count];
        Parallel.For(0, experts.Count, i => entries[i] = Entry(experts[i], weights, perExpert[i], wholeCounts[i], fieldIds));

        var members = fields.Select(_ => new List<SparseVector>()).ToArray();
        foreach (var entry in entries)
            foreach (var id in entry.FieldIds) members[id].Add(entry.Whole);
        var centroids = new SparseVector[fields.Length];
        Parallel.For(0, fields.Length, f => centroids[f] = SparseVectors.Centroid(members[f]));
        return new ExpertIndex(featurizer, weights, glossary ?? Glossary.Empty, new Segment(entries, withPostings: true),
            Segment.Empty, [], fieldIds, new Postings(centroids));
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
        var texts = upserts.SelectMany(Documents).ToList();
        var perExpert = PerExpert(upserts, texts.Count == 0 ? [] : Featurizer.CountsMany(texts));
        var fresh = upserts.Select((e, i) => Entry(e, Weights, perExpert[i], SparseVectors.Sum(perExpert[i]), _fieldIds));
        var delta = _delta.Experts.Where(e => !changed.Contains(e.Id)).Concat(fresh).ToArray();
        // A few changed experts are scanned; an import of thousands waiting for its refit gets postings of its own.
        return new ExpertIndex(Featurizer, Weights, Glossary, _main, new Segment(delta, withPostings: delta.Length > ScannedChanges),
            hidden, _fieldIds, _fieldPostings, _feedback);
    }

    public IndexedExpert? Find(string id) =>
        _delta.OrdinalOf(id) is { } d ? _delta.Experts[d]
        : _main.OrdinalOf(id) is { } m && !_hidden.Contains(m) ? _main.Experts[m] : null;

    /// <summary>Every live expert (for brute-force checks and evaluation).</summary>
    public IEnumerable<IndexedExpert> Experts =>
        _main.Experts.Where((_, i) => !_hidden.Contains(i)).Concat(_delta.Experts);

    /// <summary>Every available expert that shares a term with <paramref name="query"/>, with its whole-text cosine (no pruning).</summary>
    public List<(IndexedExpert Expert, float Whole)> Candidates(SparseVector query) =>
        Top(query, PartialScore.Text, Count, SearchLimits.Exhaustive).Select(s => (s.Expert, s.Whole)).ToList();

    /// <summary>
    /// The <paramref name="k"/> available experts with the highest <paramref name="score"/> among those sharing a term
    /// with <paramref name="query"/>, best first: exact (as if every expert were scored, but reading only the postings
    /// that can still change the answer) unless <paramref name="limits"/> cut the search short.
    /// </summary>
    public List<Scored> Top(SparseVector query, PartialScore score, int k, SearchLimits? limits = null)
    {
        limits ??= SearchLimits.Exhaustive;
        var main = _main.Top(query, score, k, _hidden, limits);
        if (_delta.Experts.Length == 0) return main;
        var delta = _delta.Top(query, score, k, null, limits);
        return Segment.Best([.. main.Select((s, i) => (s, i)), .. delta.Select((s, i) => (s, main.Count + i))], k);
    }

    /// <summary>The cosine of <paramref name="query"/> with the pooled vector of each field, by field id.</summary>
    public float[] FieldScores(SparseVector query) => _fieldPostings.Scores(query);

    /// <summary>Up to this many experts' feedback vectors and field scores are kept (about 3 kB each at 500 fields).</summary>
    public const int KeptFeedback = 20_000;

    /// <summary>What an expert brings to a problem's query as one of its best few (pseudo-relevance feedback).</summary>
    /// <param name="Words">The expert's whole-text vector without character bigrams.</param>
    /// <param name="FieldScores"><see cref="FieldScores"/> of <paramref name="Words"/>.</param>
    public sealed record Feedback(SparseVector Words, float[] FieldScores);

    /// <summary>
    /// <paramref name="expert"/>'s <see cref="Feedback"/>, kept once computed: the best few experts of each problem
    /// feed back into its query, and their field scores make up the expanded query's. Shared with the snapshots
    /// <see cref="With"/> derives (same vocabulary and field vectors); an entry is an expert's record, which a change
    /// replaces, so it never goes stale.
    /// </summary>
    public Feedback FeedbackOf(IndexedExpert expert)
    {
        if (_feedback.TryGetValue(expert, out var feedback)) return feedback;
        var words = Featurizer.Words(expert.Whole);
        feedback = new Feedback(words, FieldScores(words));
        if (_feedback.Count < KeptFeedback) _feedback.TryAdd(expert, feedback);
        return feedback;
    }

    // An expert's documents: its profile, then each work. PerExpert cuts the counts of all documents back per expert.
    private static IEnumerable<string> Documents(Expert expert) => expert.Works.Select(ExpertText.Of).Prepend(ExpertText.Profile(expert));

    private static List<SparseVector[]> PerExpert(IReadOnlyList<Expert> experts, List<SparseVector> counts)
    {
        var perExpert = new List<SparseVector[]>(experts.Count);
        var at = 0;
        foreach (var expert in experts)
        {
            perExpert.Add(counts.GetRange(at, 1 + expert.Works.Count).ToArray());
            at += 1 + expert.Works.Count;
        }
        return perExpert;
    }

    private static IndexedExpert Entry(Expert expert, TermWeights weights, SparseVector[] documents, SparseVector wholeCounts,
        IReadOnlyDictionary<string, int> fieldIds)
    {
        // The counts are this entry's own (a build's or an upsert's), so they are weighed in place.
        var works = expert.Works.Select((w, i) => new IndexedWork(w.Title, w.Kind, w.Year, weights.WeighInPlace(documents[1 + i]))).ToArray();
        var evidence = string.Join('\n', expert.Fields.Concat(expert.Works.Select(w => w.Title)).Concat(expert.Works.SelectMany(w => w.Keywords)))
            .ToLowerInvariant();
        var (city, province) = Places.Of(expert.Region);
        var ids = expert.Fields.Select(f => fieldIds.TryGetValue(f, out var id) ? id : -1).Where(id => id >= 0).Distinct().ToArray();
        return new IndexedExpert(expert.Id, expert.Name, expert.Kind, expert.Organization, city, province, expert.Available,
            expert.Capacity, [.. expert.Fields], ids, evidence, weights.WeighInPlace(wholeCounts), weights.WeighInPlace(documents[0]), works)
        {
            AvailableFrom = expert.AvailableFrom,
            AvailableTo = expert.AvailableTo,
        };
    }
}
