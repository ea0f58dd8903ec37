using System.Buffers;
using System.Reflection;
using JiebaNet.Segmenter;
using JiebaNet.Segmenter.FinalSeg;

namespace Matchmaker.Core.Text;

/// <summary>
/// jieba's precise mode (<c>JiebaSegmenter.Cut(text, cutAll: false, hmm: true)</c>) for runs of Chinese characters,
/// giving the same words as ranges of the run. It is jieba's algorithm on jieba's data, not a look-alike: it walks
/// jieba's own dictionary (the <c>Trie</c> of <see cref="WordDictionary"/>, domain words included), scores the routes
/// with the same floating-point expression and tie-breaking, and hands the same buffers to jieba's HMM. It is faster
/// because jieba builds a substring for every dictionary lookup and a dictionary entry for every position; here the
/// lookups take spans and the route lives in a stack or pooled array. Thread-safe: calls share only read-only state,
/// provided no word is added to jieba's dictionary while segmenting (jieba itself has the same rule).
/// </summary>
public sealed class WordSegmenter
{
    // Runs up to this length keep their route on the stack (12 bytes a character); longer ones rent from the pool.
    private const int StackRouteLimit = 256;

    // Cut touches only locals and jieba's static dictionary and HMM, so one instance serves every thread.
    private static readonly JiebaSegmenter Jieba = new();

    private readonly WordDictionary _dictionary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _trie;
    private readonly Viterbi _hmm;
    private LogTotal _logTotal = new(double.NaN, double.NaN);

    /// <summary>
    /// A segmenter over <paramref name="dictionary"/> (jieba has one, <see cref="WordDictionary.Instance"/>). It keeps
    /// a reference to jieba's word table, not a copy, and reads <see cref="WordDictionary.Total"/> on every call, so
    /// it may be created before or after a user dictionary is loaded; the words in the table when
    /// <see cref="Segment"/> runs are the ones that count.
    /// </summary>
    /// <exception cref="InvalidOperationException">This jieba.NET does not keep its words where 0.42.2 does.</exception>
    public WordSegmenter(WordDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        _dictionary = dictionary;
        // jieba exposes only ContainsWord(string); its table is internal, and reading it directly is what lets a
        // lookup take a span instead of a fresh substring.
        var field = typeof(WordDictionary).GetField("Trie", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("jieba.NET's WordDictionary has no Trie field; WordSegmenter follows jieba.NET 0.42.2.");
        if (field.GetValue(dictionary) is not Dictionary<string, int> trie || !trie.TryGetAlternateLookup(out _trie))
            throw new InvalidOperationException("jieba.NET's Trie is not a Dictionary<string, int> with span lookups; WordSegmenter follows jieba.NET 0.42.2.");
        _hmm = Viterbi.Instance;
    }

    /// <summary>
    /// Appends to <paramref name="words"/>, in order, the start and length (relative to <paramref name="run"/>) of
    /// every word of two or more characters that jieba's <c>Cut(run, cutAll: false, hmm: true)</c> yields. Words of
    /// one character are left out. A run of characters in U+4E00..U+9FD5 (jieba's Chinese class) takes the fast
    /// path; any other run is handed to jieba itself, so the answer is jieba's for every input.
    /// </summary>
    public void Segment(ReadOnlySpan<char> run, List<(int Start, int Length)> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        // One character or none: jieba can only give words shorter than two.
        if (run.Length < 2) return;
        // jieba splits other characters off by regular expressions (Latin words, spaces, CJK extension A, ...);
        // they are rare in Chinese runs, so jieba's own code handles them rather than a copy of its rules.
        if (run.ContainsAnyExceptInRange('\u4e00', '\u9fd5'))
        {
            var text = run.ToString();
            AddPieces(Jieba.Cut(text, cutAll: false, hmm: true), text, 0, words);
            return;
        }

        var n = run.Length;
        double[]? rentedScores = null;
        int[]? rentedEnds = null;
        try
        {
            var scores = n + 1 <= StackRouteLimit ? stackalloc double[n + 1] : (rentedScores = ArrayPool<double>.Shared.Rent(n + 1));
            var ends = n <= StackRouteLimit ? stackalloc int[n] : (rentedEnds = ArrayPool<int>.Shared.Rent(n));
            Route(run, scores, ends);
            Walk(run, ends, words);
        }
        finally
        {
            if (rentedScores is not null) ArrayPool<double>.Shared.Return(rentedScores);
            if (rentedEnds is not null) ArrayPool<int>.Shared.Return(rentedEnds);
        }
    }

    // jieba's GetDag and Calc in one right-to-left pass: the DAG of position i is only ever read once, in ascending
    // order of its ends, so it is scored as it is found instead of being stored. ends[i] is the last character of the
    // best word starting at i.
    private void Route(ReadOnlySpan<char> run, Span<double> scores, Span<int> ends)
    {
        var n = run.Length;
        var logTotal = LogOfTotal();
        scores[n] = 0.0;
        for (var i = n - 1; i >= 0; i--)
        {
            var best = double.MinValue;
            var bestEnd = -1;
            // jieba's DAG extends a word while the text so far is in the table (words and their prefixes, the latter
            // with frequency 0) and keeps the ends whose frequency is positive.
            for (var end = i; end < n && _trie.TryGetValue(run[i..(end + 1)], out var freq); end++)
            {
                if (freq <= 0) continue;
                // Exactly jieba's expression and order of operations, so that near-ties resolve the same way; a
                // later end wins only when strictly better.
                var score = Math.Log(freq) - logTotal + scores[end + 1];
                if (best < score)
                {
                    best = score;
                    bestEnd = end;
                }
            }
            if (bestEnd < 0)
            {
                // jieba's DAG falls back to the character alone, and GetFreqOrDefault scores a non-word as frequency 1.
                best = Math.Log(1) - logTotal + scores[i + 1];
                bestEnd = i;
            }
            scores[i] = best;
            ends[i] = bestEnd;
        }
    }

    // jieba's CutDag: words of the route go out as they are; consecutive single characters gather in a buffer that
    // AddBufferToWordList resolves when a longer word or the end of the run comes.
    private void Walk(ReadOnlySpan<char> run, ReadOnlySpan<int> ends, List<(int Start, int Length)> words)
    {
        var bufferStart = 0;
        var i = 0;
        while (i < run.Length)
        {
            var next = ends[i] + 1;
            if (next - i > 1)
            {
                AddBuffer(run, bufferStart, i, words);
                words.Add((i, next - i));
                bufferStart = next;
            }
            i = next;
        }
        AddBuffer(run, bufferStart, run.Length, words);
    }

    // jieba's AddBufferToWordList: one character stays one; a buffer that is itself a dictionary word is split into
    // its characters (the route preferred them); anything else goes to the HMM, which finds words jieba does not know.
    // Only the HMM case can give words of two or more characters.
    private void AddBuffer(ReadOnlySpan<char> run, int start, int end, List<(int Start, int Length)> words)
    {
        if (end - start < 2) return;
        var buffer = run[start..end];
        if (_trie.TryGetValue(buffer, out var freq) && freq > 0) return;
        var text = buffer.ToString();
        AddPieces(_hmm.Cut(text), text, start, words);
    }

    // Both jieba's Cut and its HMM keep every character, so their pieces follow one another through the text; the
    // search only guards against a piece that does not start where the previous one ended.
    private static void AddPieces(IEnumerable<string> pieces, string text, int offset, List<(int Start, int Length)> words)
    {
        var at = 0;
        foreach (var piece in pieces)
        {
            if (piece.Length == 0) continue;
            if (string.CompareOrdinal(text, at, piece, 0, piece.Length) != 0)
            {
                at = text.IndexOf(piece, at, StringComparison.Ordinal);
                if (at < 0) throw new InvalidOperationException($"jieba gave \"{piece}\", which is not in \"{text}\" where expected.");
            }
            if (piece.Length >= 2) words.Add((offset + at, piece.Length));
            at += piece.Length;
        }
    }

    // Total changes when words are added, and jieba takes its logarithm afresh in every Calc; caching it by value
    // gives the same bits without a logarithm per call.
    private double LogOfTotal()
    {
        var total = _dictionary.Total;
        var cached = _logTotal;
        if (!cached.Total.Equals(total))
        {
            cached = new LogTotal(total, Math.Log(total));
            _logTotal = cached;
        }
        return cached.Log;
    }

    private sealed record LogTotal(double Total, double Log);
}
