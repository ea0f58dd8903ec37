using System.Text.Json.Serialization;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Problems;

[JsonConverter(typeof(JsonStringEnumConverter<Urgency>))]
public enum Urgency
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
}

[JsonConverter(typeof(JsonStringEnumConverter<ProblemStatus>))]
public enum ProblemStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("matched")] Matched,
    [JsonStringEnumMemberName("solved")] Solved,
    [JsonStringEnumMemberName("closed")] Closed,
}

/// <summary>A technical bottleneck problem posted by an enterprise; owned by the partner that imported it.</summary>
public sealed record Problem
{
    public required string Id { get; init; }
    public string? EnterpriseId { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Industry { get; init; }
    public string? Region { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public Urgency Urgency { get; init; } = Urgency.Medium;
    public ProblemStatus Status { get; init; } = ProblemStatus.Open;
    public DateTimeOffset? PostedAt { get; init; }

    public Errors Validate()
    {
        var errors = new Errors();
        errors.Id("id", Id);
        if (string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Description))
            errors.Add("title", "title or description is required");
        if (EnterpriseId is not null) errors.Id("enterpriseId", EnterpriseId);
        errors.MaxLength("title", Title, 500);
        errors.MaxLength("description", Description, 20_000);
        errors.MaxLength("industry", Industry, 100);
        errors.MaxLength("region", Region, 200);
        errors.List("keywords", Keywords, 50, 200);
        return errors;
    }
}
