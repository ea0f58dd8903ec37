namespace Matchmaker.Api.Hosting;

/// <summary>The <c>Matchmaker</c> configuration section.</summary>
public sealed class MatchmakerOptions
{
    /// <summary>Fill an empty database with the demo data set at start.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// With the demo data, seed its year of match history too (<c>matches.jsonl</c>); false leaves the matches out,
    /// for a history of one's own (the outcome simulation makes one).
    /// </summary>
    public bool SeedDemoHistory { get; set; } = true;

    /// <summary>Folder of the demo data set; by default the <c>data</c> folder copied next to the binaries.</summary>
    public string? DataPath { get; set; }

    /// <summary>Seconds to wait after a change of experts before the ranking index is refitted in the background.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public double RefitDelaySeconds { get; set; } = 2;

    /// <summary>
    /// Seconds between reads of the change table, through which an instance's ranking index follows experts changed
    /// through other instances on the same database (the delay before such a change is ranked).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0.05, 3600)]
    public double ChangePollSeconds { get; set; } = 1;

    /// <summary>While changes keep coming, the longest the ranking index goes without a refit, in seconds.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 86_400)]
    public double MaxRefitWaitSeconds { get; set; } = 60;

    /// <summary>
    /// Ranked experts kept in the cache of stored problems' recommendations, as JSON (about 1.2 kB each with full
    /// reasons: 50,000 hold the top 10 of 5,000 problems in about 60 MB).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 10_000_000)]
    public int RecommendationCacheItems { get; set; } = 50_000;

    /// <summary>
    /// Seconds between reads of which learned model is promoted (and of new outcomes for its history features): a
    /// promotion or rollback on any instance is served here within this time.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0.05, 3600)]
    public double ModelPollSeconds { get; set; } = 2;

    /// <summary>Seconds between looks for queued jobs (and for jobs whose instance stopped) on this instance.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.05, 3600)]
    public double JobPollSeconds { get; set; } = 2;

    /// <summary>
    /// Seconds a job's lease lasts (the running instance renews it every third of that): a job whose instance died is
    /// taken over by another instance, or at the next start, this long after its last renewal.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0.3, 3600)]
    public double JobLeaseSeconds { get; set; } = 30;

    /// <summary>Problems per checkpoint of a job.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int JobBatchSize { get; set; } = 50;
}
