using System.Text.Json;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Ranking;

/// <summary>
/// Recommendations of stored problems, reused while neither the problem nor the index has changed: the key holds the
/// problem's <see cref="ProblemQuery.Fingerprint"/>, and the whole cache belongs to one index generation, so that any
/// upsert, delete or refit (each makes a new <see cref="ExpertIndex"/>) empties it. Kept as the UTF-8 JSON of the
/// answer (<see cref="MatchmakerJson"/>), so that a reuse costs neither ranking nor serializing. Bounded by the number
/// of ranked experts it holds (about 1.2 kB each with full reasons), least recently used out first. Thread-safe.
/// </summary>
public sealed class RecommendationCache(int capacityItems)
{
    /// <summary>
    /// What a stored problem's ranking depends on besides the index. The day is in it because works are discounted
    /// by their age in years and experts have availability windows; the learned model's stamp because a promotion, a rollback or new outcomes change its order;
    /// the exclusions' fingerprint because a declared conflict or a decline leaves an expert out.
    /// </summary>
    public readonly record struct Key(
        string Tenant, string ProblemId, string Fingerprint, int Top, Explanation Explain, DateOnly Day, long Learned = 0, string Excluded = "");

    private sealed record Kept(Key Key, byte[] Json, int Items);

    private readonly object _lock = new();
    private readonly Dictionary<Key, LinkedListNode<Kept>> _entries = [];
    private readonly LinkedList<Kept> _recency = new(); // most recently used first
    private long _generation = long.MinValue;
    private int _items;

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    /// <summary>
    /// The kept answer for <paramref name="key"/> on index <paramref name="generation"/>, or <paramref name="rank"/>'s,
    /// kept; as UTF-8 JSON.
    /// </summary>
    public byte[] GetOrAdd(long generation, Key key, Func<Recommendation> rank)
    {
        lock (_lock)
        {
            if (generation > _generation) Clear(generation);
            if (generation == _generation && _entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                Hits++;
                return node.Value.Json;
            }
            Misses++;
        }
        // Ranked outside the lock: two requests missing the same key at once both rank, and the second replaces the first.
        var value = rank();
        // An empty answer takes a place too.
        var kept = new Kept(key, JsonSerializer.SerializeToUtf8Bytes(value, MatchmakerJson.Options), Math.Max(1, value.Items.Count));
        lock (_lock)
        {
            // A ranking on an index that has been replaced meanwhile is answered but not kept.
            if (generation != _generation || kept.Items > capacityItems) return kept.Json;
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
                _items -= old.Value.Items;
            }
            _entries[key] = _recency.AddFirst(kept);
            _items += kept.Items;
            while (_items > capacityItems && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
                _items -= last.Value.Items;
            }
            return kept.Json;
        }
    }

    private void Clear(long generation)
    {
        _entries.Clear();
        _recency.Clear();
        _items = 0;
        _generation = generation;
    }
}
