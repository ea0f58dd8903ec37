using System.Text.Json.Serialization;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Matching;

[JsonConverter(typeof(JsonStringEnumConverter<MatchStatus>))]
public enum MatchStatus
{
    [JsonStringEnumMemberName("proposed")] Proposed,
    [JsonStringEnumMemberName("contacted")] Contacted,
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("declined")] Declined,
    [JsonStringEnumMemberName("visited")] Visited,
    [JsonStringEnumMemberName("solved")] Solved,
    [JsonStringEnumMemberName("unsolved")] Unsolved,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}

/// <summary>
/// An expert proposed for a problem: a first-class record that collects what happened next (events) and the outcome.
/// A new match is <c>proposed</c>; each event moves it one step of <see cref="MatchLifecycle"/>, and its status is
/// that of its latest recorded event. Events are listed in the order they were recorded.
/// </summary>
public sealed record Match(
    string Id, string ProblemId, string ExpertId, MatchStatus Status, double? Score,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<MatchEvent> Events);

/// <summary>
/// One step of a match (contact, visit, result) with the outcome figures known at that step, and the id of the API
/// key that recorded it (null for events recorded before keys were kept).
/// </summary>
public sealed record MatchEvent(
    long Id, MatchStatus Status, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, decimal? ProfitAddedYuan,
    int? Patents, int? Standards, int? Awards, int? Projects, int? Rating, string? Note, string? RecordedBy);

/// <summary>The body of <c>POST /api/v1/matches/{id}/events</c>.</summary>
public sealed record NewMatchEvent
{
    public required MatchStatus Status { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public decimal? ProfitAddedYuan { get; init; }
    public int? Patents { get; init; }
    public int? Standards { get; init; }
    public int? Awards { get; init; }
    public int? Projects { get; init; }
    public int? Rating { get; init; }
    public string? Note { get; init; }

    public Errors Validate(DateTimeOffset now)
    {
        var errors = new Errors();
        if (Status == MatchStatus.Proposed) errors.Add("status", "an event is one of contacted, accepted, declined, visited, solved, unsolved, withdrawn");
        if (OccurredAt > now.AddMinutes(5)) errors.Add("occurredAt", "is in the future");
        if (OccurredAt.Year < 2000) errors.Add("occurredAt", "is before the year 2000");
        errors.Range("profitAddedYuan", (double?)ProfitAddedYuan, -1e12, 1e12);
        errors.Range("patents", Patents, 0, 10_000);
        errors.Range("standards", Standards, 0, 10_000);
        errors.Range("awards", Awards, 0, 10_000);
        errors.Range("projects", Projects, 0, 10_000);
        errors.Range("rating", Rating, 1, 5);
        errors.MaxLength("note", Note, 4000);
        return errors;
    }
}
