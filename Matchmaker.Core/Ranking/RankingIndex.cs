using Matchmaker.Core.Experts;
using Matchmaker.Core.Text;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Core.Ranking;

/// <summary>How the ranking index follows the expert store.</summary>
/// <param name="RefitDelay">Quiet time after a change before the background refit starts.</param>
/// <param name="PollInterval">How often <c>expert_changes</c> is read for changes made through other instances.</param>
/// <param name="MaxRefitWait">The longest a change waits for its refit while changes keep coming.</param>
public sealed record RankingIndexOptions(TimeSpan RefitDelay, TimeSpan PollInterval, TimeSpan MaxRefitWait)
{
    public static RankingIndexOptions Default { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
}

/// <summary>
/// Holds the current <see cref="ExpertIndex"/> and keeps it in step with the expert store, whichever instance wrote
/// the change. A change through this instance is applied as soon as it commits; one through another instance when
/// the next poll of <c>expert_changes</c> finds it (<see cref="RankingIndexOptions.PollInterval"/>). Either way it is
/// applied with the current vocabulary, and a full refit follows in the background (never on a request's thread)
/// so that new terms and IDF weights arrive too; changes applied while a refit runs are replayed onto its result.
/// </summary>
public sealed class RankingIndex : IDisposable
{
    private readonly ExpertStore _store;
    private readonly TextAnalyzer _analyzer;
    private readonly Glossary _glossary;
    private readonly ILogger<RankingIndex> _logger;
    private readonly RankingIndexOptions _options;
    private readonly object _writeLock = new();
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private readonly SemaphoreSlim _refitLock = new(1, 1);
    // The changes applied since the last refit began reading the store, with when each came: what a refit must
    // replay, what is still waiting for one (none: settled), and how long the oldest has waited.
    private readonly List<(DateTimeOffset At, IReadOnlyCollection<string> Ids)> _sinceRefit = [];
    private readonly HashSet<long> _appliedHere = []; // positions in expert_changes this instance applied as it wrote them
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task<ExpertIndex> _initial;
    private volatile ExpertIndex? _current;
    private long _followed; // the last position in expert_changes the index has followed
    private bool _refitRunning;
    private Timer? _refitTimer;
    private DateTimeOffset _lastPrune = DateTimeOffset.UtcNow;

    public RankingIndex(ExpertStore store, TextAnalyzer analyzer, Glossary glossary, ILogger<RankingIndex> logger, RankingIndexOptions? options = null)
    {
        _store = store;
        _analyzer = analyzer;
        _glossary = glossary;
        _logger = logger;
        _options = options ?? RankingIndexOptions.Default;
        _store.Changed += OnChangedAsync;
        _initial = Task.Run(async () =>
        {
            try
            {
                _followed = await _store.LastChangeAsync().ConfigureAwait(false);
                var built = await RefitAsync().ConfigureAwait(false);
                _ = Task.Run(FollowAsync);
                return built;
            }
            catch (Exception exception)
            {
                _logger.LogCritical(exception, "The first build of the ranking index failed; recommendations will fail until the service restarts");
                throw;
            }
        });
    }

    /// <summary>True once the first index has been built.</summary>
    public bool IsReady => _current is not null;

    /// <summary>True when every change applied so far is in a refitted index and no refit is waiting or running.</summary>
    public bool IsSettled
    {
        get
        {
            lock (_writeLock) return _current is not null && _sinceRefit.Count == 0 && !_refitRunning;
        }
    }

    /// <summary>The index to read; waits for the first build after start-up (or until the caller gives up).</summary>
    public async Task<ExpertIndex> CurrentAsync(CancellationToken cancellationToken = default) =>
        _current ?? await _initial.WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Reads <c>expert_changes</c> once and applies what other instances changed; the poll loop calls it, tests may too.</summary>
    public async Task CatchUpAsync()
    {
        if (_current is null) return;
        var rows = await _store.ChangesAsync(Volatile.Read(ref _followed)).ConfigureAwait(false);
        if (rows.Count == 0) return;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        lock (_writeLock)
        {
            foreach (var (position, expertId) in rows)
                if (!_appliedHere.Remove(position)) ids.Add(expertId);
            _followed = Math.Max(_followed, rows[^1].Position);
            _appliedHere.RemoveWhere(p => p <= _followed); // written here, but already passed
        }
        if (ids.Count > 0) await ApplyAsync(ids).ConfigureAwait(false);
    }

    private async Task FollowAsync()
    {
        using var timer = new PeriodicTimer(_options.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await CatchUpAsync().ConfigureAwait(false);
                    if (DateTimeOffset.UtcNow - _lastPrune > TimeSpan.FromHours(1))
                    {
                        _lastPrune = DateTimeOffset.UtcNow;
                        await _store.PruneChangesAsync(_lastPrune - ChangesKeptFor).ConfigureAwait(false);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database may be away for a moment; the next tick tries again from the same position.
                    _logger.LogWarning(exception, "Reading expert changes failed; retrying in {Interval}", _options.PollInterval);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Change rows older than this are deleted; an instance stopped for longer rebuilds from the experts at start anyway.</summary>
    public static readonly TimeSpan ChangesKeptFor = TimeSpan.FromDays(7);

    private async Task OnChangedAsync(ExpertChanges changes)
    {
        lock (_writeLock)
            foreach (var position in changes.ChangeIds)
                if (position > _followed) _appliedHere.Add(position);
        await ApplyAsync(changes.ExpertIds).ConfigureAwait(false);
    }

    // Reads the changed experts and puts them into the live index with its current model. One apply at a time, so
    // that two reads of one expert cannot land in the wrong order.
    private async Task ApplyAsync(IReadOnlyCollection<string> ids)
    {
        await _applyLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var (upserts, deletes) = await ReadAsync(ids).ConfigureAwait(false);
            lock (_writeLock)
            {
                _sinceRefit.Add((DateTimeOffset.UtcNow, ids));
                if (_current is { } live) _current = live.With(upserts, deletes);
                ScheduleRefit();
            }
        }
        finally
        {
            _applyLock.Release();
        }
    }

    // The experts of ids as they are now: those that exist, and the ids of those that are gone.
    private async Task<(List<Expert> Upserts, List<string> Deletes)> ReadAsync(IReadOnlyCollection<string> ids)
    {
        var upserts = await _store.ManyAsync(ids).ConfigureAwait(false);
        var found = upserts.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        return (upserts, ids.Where(id => !found.Contains(id)).ToList());
    }

    /// <summary>Changes to at least 1/<see cref="BulkChangeFactor"/> of the index start a refit without waiting for quiet.</summary>
    public const int BulkChangeFactor = 10;

    // Under _writeLock. A refit waits for RefitDelay of quiet, but not longer than MaxRefitWait in all, and starts at
    // once when the changes are a large share of the index (an import): its vocabulary is likely new.
    private void ScheduleRefit()
    {
        if (_refitRunning || _stopping.IsCancellationRequested || _sinceRefit.Count == 0) return;
        var bulk = _current is null || _sinceRefit.Sum(c => c.Ids.Count) * BulkChangeFactor >= _current.Count;
        var waited = DateTimeOffset.UtcNow - _sinceRefit[0].At;
        var due = bulk || waited >= _options.MaxRefitWait ? TimeSpan.Zero : _options.RefitDelay;
        _refitTimer ??= new Timer(_ => _ = RefitInBackgroundAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _refitTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task RefitInBackgroundAsync()
    {
        try
        {
            await RefitAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The previous index stays in service; the next change schedules another refit.
            _logger.LogError(exception, "Background refit of the ranking index failed");
            lock (_writeLock) _refitRunning = false;
        }
    }

    private async Task<ExpertIndex> RefitAsync()
    {
        await _refitLock.WaitAsync().ConfigureAwait(false);
        try
        {
            bool settled;
            lock (_writeLock)
            {
                _refitRunning = true;
                _sinceRefit.Clear(); // the read below takes them in
            }
            var started = System.Diagnostics.Stopwatch.StartNew();
            var built = ExpertIndex.Build(_analyzer, await _store.AllAsync().ConfigureAwait(false), _glossary);
            await _applyLock.WaitAsync().ConfigureAwait(false);
            try
            {
                // Changes applied since the read began may not be in the new index: read them again and replay them
                // before it goes live (no apply can start meanwhile). They stay waiting for the next refit, which
                // brings their new words.
                HashSet<string> missed;
                lock (_writeLock) missed = _sinceRefit.SelectMany(c => c.Ids).ToHashSet(StringComparer.Ordinal);
                if (missed.Count > 0)
                {
                    var (upserts, deletes) = await ReadAsync(missed).ConfigureAwait(false);
                    built = built.With(upserts, deletes);
                }
                lock (_writeLock)
                {
                    _current = built;
                    _refitRunning = false;
                    ScheduleRefit(); // for the changes that came during the refit
                    settled = _sinceRefit.Count == 0;
                }
            }
            finally
            {
                _applyLock.Release();
            }
            if (settled && built.Count >= CompactFrom) ReleaseMemory();
            _logger.LogInformation("Ranking index built: {Experts} experts, {Terms} terms in {Elapsed} ms",
                built.Count, built.Featurizer.VocabularySize, started.ElapsedMilliseconds);
            return built;
        }
        finally
        {
            _refitLock.Release();
        }
    }

    // A build leaves as much garbage as it keeps, and each refit drops an index as large as the new one: the server
    // GC keeps the space it grew to (measured: 1.9 x the resident memory of an index built in one go, after importing
    // 20,000 experts in chunks of 500). Once the index settles (the first build, or the last refit of a burst of
    // changes), one compacting collection hands it back to the system. It blocks for a moment (a full collection), so
    // it is kept for indexes large enough for this to matter: the demo's few hundred experts leave little. (5,000
    // experts: 300 MB resident after start-up without it, 240 MB with it, in 65 ms.)
    private const int CompactFrom = 1_000;
    private void ReleaseMemory()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _logger.LogInformation("Memory compacted after the index settled in {Elapsed} ms", started.ElapsedMilliseconds);
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _stopping.Cancel();
            _store.Changed -= OnChangedAsync;
            _refitTimer?.Dispose();
        }
    }
}
