using Matchmaker.Core.Experts;
using Matchmaker.Core.Text;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Core.Ranking;

/// <summary>
/// Holds the current <see cref="ExpertIndex"/> and keeps it in step with the expert store. A change is applied at
/// once with the current vocabulary (visible to the next query), and a full refit follows in the background so that
/// new terms and IDF weights arrive too; changes made while a refit runs are replayed onto its result before the swap.
/// </summary>
public sealed class RankingIndex : IDisposable
{
    private readonly ExpertStore _store;
    private readonly TextAnalyzer _analyzer;
    private readonly ILogger<RankingIndex> _logger;
    private readonly TimeSpan _refitDelay;
    private readonly object _writeLock = new();
    private readonly object _refitLock = new();
    private readonly List<(long Version, IReadOnlyCollection<string> Ids)> _changes = [];
    private readonly Task<ExpertIndex> _initial;
    private volatile ExpertIndex? _current;
    private long _version;
    private Timer? _refitTimer;
    private bool _disposed;

    private readonly Glossary _glossary;

    public RankingIndex(ExpertStore store, TextAnalyzer analyzer, Glossary glossary, ILogger<RankingIndex> logger, TimeSpan? refitDelay = null)
    {
        _glossary = glossary;
        _store = store;
        _analyzer = analyzer;
        _logger = logger;
        _refitDelay = refitDelay ?? TimeSpan.FromSeconds(2);
        _store.Changed += OnChanged;
        _initial = Task.Run(() =>
        {
            try
            {
                return Refit();
            }
            catch (Exception exception)
            {
                _logger.LogCritical(exception, "The first build of the ranking index failed; recommendations will fail until experts change");
                throw;
            }
        });
    }

    /// <summary>True once the first index has been built.</summary>
    public bool IsReady => _current is not null;

    /// <summary>The index to read; waits for the first build after start-up (or until the caller gives up).</summary>
    public async Task<ExpertIndex> CurrentAsync(CancellationToken cancellationToken = default) =>
        _current ?? await _initial.WaitAsync(cancellationToken).ConfigureAwait(false);

    private ExpertIndex Refit()
    {
        lock (_refitLock)
        {
            long version;
            lock (_writeLock) version = _version;
            var started = System.Diagnostics.Stopwatch.StartNew();
            var built = ExpertIndex.Build(_analyzer, _store.All(), _glossary);
            lock (_writeLock)
            {
                // Changes after the read above are not in the new index yet: replay them before it goes live.
                var missed = _changes.Where(c => c.Version > version).SelectMany(c => c.Ids).ToHashSet(StringComparer.Ordinal);
                if (missed.Count > 0) built = Apply(built, missed);
                _changes.Clear();
                _current = built;
            }
            _logger.LogInformation("Ranking index built: {Experts} experts, {Terms} terms in {Elapsed} ms",
                built.Count, built.Featurizer.VocabularySize, started.ElapsedMilliseconds);
            return built;
        }
    }

    private void OnChanged(IReadOnlyCollection<string> ids)
    {
        bool refitNow;
        lock (_writeLock)
        {
            _version++;
            _changes.Add((_version, ids));
            // A bulk change (an import into a small or empty index) brings most of its vocabulary with it: refit
            // right away so the caller's next query sees every new term. Small edits go in at once with the
            // current vocabulary and are refitted in the background.
            refitNow = _current is { } current && ids.Count * BulkChangeFactor >= current.Count;
            if (_current is { } live && !refitNow) _current = Apply(live, ids);
            if (!refitNow && !_disposed)
            {
                if (_refitTimer is null) _refitTimer = new Timer(_ => RefitInBackground(), null, _refitDelay, Timeout.InfiniteTimeSpan);
                else _refitTimer.Change(_refitDelay, Timeout.InfiniteTimeSpan);
            }
        }
        if (refitNow) Refit();
    }

    /// <summary>A change of at least 1/<see cref="BulkChangeFactor"/> of the index is refitted synchronously.</summary>
    public const int BulkChangeFactor = 10;

    private void RefitInBackground()
    {
        try
        {
            Refit();
        }
        catch (Exception exception)
        {
            // The previous index stays in service; the next change schedules another refit.
            _logger.LogError(exception, "Background refit of the ranking index failed");
        }
    }

    private ExpertIndex Apply(ExpertIndex index, IReadOnlyCollection<string> ids)
    {
        var upserts = new List<Expert>();
        var deletes = new List<string>();
        foreach (var id in ids)
        {
            if (_store.Find(id) is { } expert) upserts.Add(expert);
            else deletes.Add(id);
        }
        return index.With(upserts, deletes);
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _disposed = true;
            _store.Changed -= OnChanged;
            _refitTimer?.Dispose();
        }
    }
}
