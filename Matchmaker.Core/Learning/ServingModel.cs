using Matchmaker.Core.Matching;
using Matchmaker.Core.Ranking;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Core.Learning;

/// <summary>
/// What reorders shortlists on this instance: the promoted model, if any, and the experts' match histories it reads
/// its history features from. <see cref="RefreshAsync"/> (every couple of seconds) follows the database: a promotion
/// or rollback on any instance is served here at the next refresh, and new outcomes reach the histories within
/// <see cref="HistoryRefresh"/>.
/// </summary>
public sealed class ServingModel(ModelStore models, MatchStore matches, TimeProvider clock, ILogger<ServingModel> logger)
{
    /// <summary>Histories are read again at most this often while outcomes keep coming (a full read of the matches).</summary>
    public static readonly TimeSpan HistoryRefresh = TimeSpan.FromSeconds(30);

    private Snapshot _current = Snapshot.Base;
    private (long Events, long Matches) _historyMark;
    private DateTimeOffset _historyReadAt;
    private long? _unservable;
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <summary>The model and histories serving now (the base ranker's snapshot when no model is promoted).</summary>
    public Snapshot Current => Volatile.Read(ref _current);

    /// <summary>Follows the database: loads a newly promoted model (or returns to the base ranker), and re-reads histories that changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var current = Current;
            var version = await models.ServingAsync();
            if (version is null)
            {
                if (current.Version is not null) Swap(Snapshot.Base, "the base ranker serves");
                return;
            }
            var mark = await matches.LearningMarkAsync();
            var now = clock.GetUtcNow();
            if (version == current.Version)
            {
                if (mark == _historyMark || now - _historyReadAt < HistoryRefresh) return;
                Swap(current with { History = await HistoryAsync(mark, now) }, null);
                return;
            }
            if (version == _unservable) return; // said once; the base ranker serves until another is promoted
            var record = await models.FindAsync(version.Value);
            var bytes = await models.BytesAsync(version.Value);
            if (record?.Features is not { } features || bytes is null || !features.SequenceEqual(TrainingSet.FeatureNames))
            {
                logger.LogWarning("Model {Version} is promoted but cannot be served (its features differ from this version's); the base ranker serves", version);
                _unservable = version;
                if (current.Version is not null) Swap(Snapshot.Base, null);
                return;
            }
            var ranker = LearnedRanker.Load(bytes, features.Count);
            Swap(new Snapshot(version, ranker, await HistoryAsync(mark, now), 0), $"model {version} serves");
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, List<PastMatch>>> HistoryAsync((long, long) mark, DateTimeOffset now)
    {
        var history = (await matches.ForLearningAsync()).GroupBy(m => m.Match.ExpertId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Match).ToList(), StringComparer.Ordinal);
        _historyMark = mark;
        _historyReadAt = now;
        return history;
    }

    private void Swap(Snapshot next, string? message)
    {
        Volatile.Write(ref _current, next with { Stamp = _current.Stamp + 1 });
        if (message is not null) logger.LogInformation("Learned ranking: {Message}", message);
    }

    /// <summary>One model with the histories it reads. <see cref="Stamp"/> changes whenever either does (cached rankings key on it).</summary>
    public sealed record Snapshot(long? Version, LearnedRanker? Ranker, IReadOnlyDictionary<string, List<PastMatch>> History, long Stamp)
    {
        public static Snapshot Base { get; } = new(null, null, new Dictionary<string, List<PastMatch>>(), 0);

        /// <summary>What rankings report: the model's version, or <c>base</c>.</summary>
        public string Name => Version is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "base";

        /// <summary>The model's score of each candidate of a problem in <paramref name="industry"/>, its history taken as of <paramref name="asOf"/>.</summary>
        public float[] Score(string? industry, IReadOnlyList<(IndexedExpert Expert, MatchFeatures Features)> candidates, DateTimeOffset asOf)
        {
            var rows = new float[candidates.Count][];
            for (var i = 0; i < rows.Length; i++)
            {
                var (expert, features) = candidates[i];
                var history = OutcomeHistory.Features(History.GetValueOrDefault(expert.Id) ?? [], industry, expert.Capacity, asOf);
                rows[i] = TrainingSet.Row(features, expert.Kind, history);
            }
            return Ranker!.Score(rows);
        }
    }
}
