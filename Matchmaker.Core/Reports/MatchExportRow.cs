using Matchmaker.Core.Matching;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Reports;

/// <summary>
/// Which matches an export takes; every filter given must hold. Dates are days in China (UTC+8), where the
/// associations are, both ends included, and apply to when the match was proposed.
/// </summary>
public sealed record MatchExportFilter
{
    /// <summary>China's offset from UTC (no daylight saving): the export's days, and the times it shows, are China's.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The partner whose matches to take; null: every partner's.</summary>
    public string? Tenant { get; init; }

    /// <summary>Matches proposed on this day or later (China time).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Matches proposed on this day or earlier (China time).</summary>
    public DateOnly? To { get; init; }

    /// <summary>Part of the problem's region, e.g. <c>湖州市德清县</c> or <c>浙江省</c>.</summary>
    public string? Region { get; init; }

    /// <summary>The problem's industry, exactly.</summary>
    public string? Industry { get; init; }

    /// <summary>The match's current status.</summary>
    public MatchStatus? Status { get; init; }

    /// <summary>The first instant taken: midnight in China of <see cref="From"/>.</summary>
    public DateTimeOffset Start => From is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaOffset) : DateTimeOffset.MinValue;

    /// <summary>The first instant no longer taken: midnight in China after <see cref="To"/>.</summary>
    public DateTimeOffset End => To is { } day ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset) : DateTimeOffset.MaxValue;
}

/// <summary>
/// One match as analysts hand it in: its problem, enterprise and expert, the time of each step of its lifecycle (the
/// latest event of that status; null when it never took it) and the outcome figures summed over its events (null
/// when no event gave one), with the rating given last. Statuses and kinds are the API's names.
/// </summary>
public sealed class MatchExportRow
{
    public string MatchId { get; init; } = "";

    /// <summary>The partner (tenant) the match belongs to.</summary>
    public string TenantId { get; init; } = "";

    public string ProblemId { get; init; } = "";
    public string? ProblemTitle { get; init; }
    public string? Industry { get; init; }
    public string? Region { get; init; }
    public DateTimeOffset? PostedAt { get; init; }
    public string? EnterpriseId { get; init; }
    public string? EnterpriseName { get; init; }
    public string ExpertId { get; init; } = "";
    public string ExpertName { get; init; } = "";

    /// <summary>academician, societyExpert, overseasTalent or engineer.</summary>
    public string ExpertKind { get; init; } = "";

    public string? Organization { get; init; }

    /// <summary>The societies the expert belongs to.</summary>
    public IReadOnlyList<string> Societies => JsonColumn.Read(SocietiesJson);

    /// <summary>proposed, contacted, accepted, declined, visited, solved, unsolved or withdrawn.</summary>
    public string Status { get; init; } = "";

    /// <summary>The affinity when the match was proposed.</summary>
    public double? Score { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ContactedAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateTimeOffset? DeclinedAt { get; init; }
    public DateTimeOffset? VisitedAt { get; init; }
    public DateTimeOffset? SolvedAt { get; init; }
    public DateTimeOffset? UnsolvedAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }
    public decimal? ProfitAddedYuan { get; init; }
    public int? Patents { get; init; }
    public int? Standards { get; init; }
    public int? Awards { get; init; }
    public int? Projects { get; init; }

    /// <summary>The rating (1–5) of the latest event that gave one.</summary>
    public int? Rating { get; init; }

    // The stored JSON list; Dapper sets it (it maps non-public setters too).
    internal string? SocietiesJson { get; init; }
}
