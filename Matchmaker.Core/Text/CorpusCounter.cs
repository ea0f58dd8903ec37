using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Matchmaker.Core.Text;

/// <summary>
/// Term counts of many texts, tokenized on every core. Terms arrive as spans and are looked up (or interned)
/// without making a string per token: at 100,000 experts the corpus has about a hundred million tokens but only a
/// few hundred thousand distinct terms.
/// </summary>
internal static class CorpusCounter
{
    /// <summary>The counts of each text, with term ids from <paramref name="termId"/> (a negative id drops the term).</summary>
    public static SparseVector[] Count(TextAnalyzer analyzer, IReadOnlyList<string> texts, Func<ReadOnlySpan<char>, int> termId)
    {
        var counts = new SparseVector[texts.Count];
        Parallel.For(0, texts.Count, () => new List<int>(), (i, _, ids) =>
        {
            ids.Clear();
            analyzer.Tokenize(texts[i], term =>
            {
                var id = termId(term);
                if (id >= 0) ids.Add(id);
            });
            counts[i] = Counted(ids);
            return ids;
        }, _ => { });
        return counts;
    }

    /// <summary>The counts of one text, on the caller's thread (<see cref="Count"/> for many).</summary>
    public static SparseVector CountOne(TextAnalyzer analyzer, string text, Func<ReadOnlySpan<char>, int> termId)
    {
        var ids = new List<int>();
        analyzer.Tokenize(text, term =>
        {
            var id = termId(term);
            if (id >= 0) ids.Add(id);
        });
        return Counted(ids);
    }

    /// <summary>
    /// The counts of each text with ids interned as terms are found, and the terms by id. Ids depend on which thread
    /// met a term first, so callers renumber them (<see cref="Renumber"/>); a few ids may be unused (null terms).
    /// </summary>
    public static (string?[] Terms, SparseVector[] Counts) CountAndIntern(TextAnalyzer analyzer, IReadOnlyList<string> texts)
    {
        var ids = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var spans = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var next = -1;
        var counts = Count(analyzer, texts, term =>
        {
            if (spans.TryGetValue(term, out var id)) return id;
            var fresh = Interlocked.Increment(ref next);
            return spans.TryAdd(term, fresh) ? fresh : spans[term];
        });
        var terms = new string?[next + 1];
        foreach (var (term, id) in ids) terms[id] = term;
        return (terms, counts);
    }

    /// <summary>
    /// Maps the ids of vectors made by <see cref="CountAndIntern"/> through <paramref name="map"/>, in place (nobody
    /// else holds them yet), keeping each vector's indices ascending.
    /// </summary>
    public static void Renumber(SparseVector[] counts, int[] map) =>
        Parallel.For(0, counts.Length, i =>
        {
            var (indices, values) = counts[i];
            for (var k = 0; k < indices.Length; k++) indices[k] = map[indices[k]];
            Array.Sort(indices, values);
        });

    private static SparseVector Counted(List<int> ids)
    {
        if (ids.Count == 0) return SparseVector.Empty;
        var span = CollectionsMarshal.AsSpan(ids);
        span.Sort();
        var distinct = 1;
        for (var k = 1; k < span.Length; k++)
            if (span[k] != span[k - 1]) distinct++;
        var indices = new int[distinct];
        var values = new float[distinct];
        var n = -1;
        for (var k = 0; k < span.Length; k++)
        {
            if (k == 0 || span[k] != span[k - 1]) indices[++n] = span[k];
            values[n]++;
        }
        return new SparseVector(indices, values);
    }
}
