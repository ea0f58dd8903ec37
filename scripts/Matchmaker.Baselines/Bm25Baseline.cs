using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Baselines;

/// <summary>
/// A plain Lucene BM25 ranker (k1 = 1.2, b = 0.75) over the same text Matchmaker reads (<see cref="ExpertText"/>):
/// one in-memory document per expert, one text field, Chinese runs analysed by SmartCn and the rest by
/// StandardAnalyzer (see <see cref="BilingualTerms"/>). A problem becomes a BooleanQuery of SHOULD term clauses.
/// It is the baseline the evaluation script compares Matchmaker against; nothing here is tuned on the labels.
/// </summary>
/// <remarks>
/// Thread-safe: the IndexWriter and the SearcherManager are, and a search holds its own reference to the reader it
/// started on while <see cref="Upsert"/> reopens. Only single-threaded use has been exercised.
/// </remarks>
public sealed class Bm25Baseline : IDisposable
{
    private const string IdField = "id";
    private const string TextField = "text";
    private static readonly Similarity Bm25 = new BM25Similarity(k1: 1.2f, b: 0.75f);

    private readonly BilingualTerms _terms = new();
    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;

    public Bm25Baseline(IReadOnlyList<Expert> experts)
    {
        // The analyzer is never used: every text field arrives as a pre-analysed token stream.
        _writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, null)
        {
            Similarity = Bm25,
            OpenMode = OpenMode.CREATE,
        });
        foreach (var expert in experts) _writer.AddDocument(Document(expert));
        _writer.Commit();
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    /// <summary>Adds <paramref name="expert"/>, or replaces the expert with the same id, and makes it searchable.</summary>
    public void Upsert(Expert expert)
    {
        _writer.UpdateDocument(new Term(IdField, expert.Id), Document(expert));
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>The <paramref name="top"/> experts by BM25 score; experts sharing no term with the problem are not returned.</summary>
    public IReadOnlyList<(string ExpertId, float Score)> Search(ProblemQuery problem, int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var query = Query(_terms.Of(ExpertText.Of(problem)));
        if (query.Clauses.Count == 0) return [];
        var searcher = _searchers.Acquire();
        try
        {
            return searcher.Search(query, top).ScoreDocs
                .Select(hit => (searcher.Doc(hit.Doc).Get(IdField), hit.Score))
                .ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public IReadOnlyList<(string ExpertId, float Score)> Search(string? title, string? description,
        IReadOnlyList<string> keywords, string? industry, int top) =>
        Search(new ProblemQuery(title, description, industry, null, keywords), top);

    private Document Document(Expert expert) =>
    [
        new StringField(IdField, expert.Id, Field.Store.YES),
        new TextField(TextField, new TermListTokenStream(_terms.Of(ExpertText.Of(expert)))),
    ];

    // A term repeated in the problem weighs as often as it is repeated, as the same text through QueryParser would
    // (one clause per occurrence); one boosted clause per distinct term scores the same with fewer clauses.
    private static BooleanQuery Query(List<string> terms)
    {
        var query = new BooleanQuery();
        var counts = terms.CountBy(t => t, StringComparer.Ordinal).ToList();
        if (counts.Count > BooleanQuery.MaxClauseCount) BooleanQuery.MaxClauseCount = counts.Count;
        foreach (var (term, count) in counts)
            query.Add(new TermQuery(new Term(TextField, term)) { Boost = count }, Occur.SHOULD);
        return query;
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _terms.Dispose();
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Bm25 };
    }
}
