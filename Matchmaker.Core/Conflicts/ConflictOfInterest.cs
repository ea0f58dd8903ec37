using System.Text.Json.Serialization;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Conflicts;

/// <summary>A conflict of interest an expert declared with one of a partner's enterprises (a former employer, a relative's firm, a competitor they advise).</summary>
public sealed record ConflictOfInterest(string ExpertId, string EnterpriseId, string? Reason, DateTimeOffset CreatedAt, string? CreatedBy);

/// <summary>The body of <c>POST /api/v1/experts/{id}/conflicts</c>.</summary>
public sealed record NewConflict(string EnterpriseId, string? Reason = null)
{
    public const int MaxReasonLength = 500;

    public Errors Validate() => Validate(new Errors(), "");

    /// <summary>Adds this conflict's errors to <paramref name="errors"/>, each field named after <paramref name="prefix"/> (in an import line).</summary>
    public Errors Validate(Errors errors, string prefix)
    {
        errors.Id(prefix + "enterpriseId", EnterpriseId);
        if (Reason is { Length: > MaxReasonLength }) errors.Add(prefix + "reason", $"is longer than {MaxReasonLength} characters");
        return errors;
    }
}

/// <summary>Why an expert is not proposed for a problem.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExclusionReason>))]
public enum ExclusionReason
{
    /// <summary>The expert works for the enterprise that posted the problem (names compared by <see cref="OrganizationNames"/>).</summary>
    [JsonStringEnumMemberName("ownOrganization")] OwnOrganization,

    /// <summary>The expert declared a conflict with the enterprise.</summary>
    [JsonStringEnumMemberName("declaredConflict")] DeclaredConflict,

    /// <summary>The expert declined this problem before.</summary>
    [JsonStringEnumMemberName("declinedBefore")] DeclinedBefore,
}

/// <summary>An expert a ranking left out, and why (listed for staff with <c>includeExcluded=true</c>).</summary>
public sealed record ExcludedExpert(string ExpertId, string Name, string? Organization, ExclusionReason Reason);
