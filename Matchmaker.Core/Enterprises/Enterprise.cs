using System.Text.Json.Serialization;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Enterprises;

[JsonConverter(typeof(JsonStringEnumConverter<EnterpriseSize>))]
public enum EnterpriseSize
{
    [JsonStringEnumMemberName("micro")] Micro,
    [JsonStringEnumMemberName("small")] Small,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("large")] Large,
}

/// <summary>An enterprise that posts problems; owned by the partner that imported it.</summary>
public sealed record Enterprise
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Industry { get; init; }
    public string? Region { get; init; }
    public EnterpriseSize? Size { get; init; }

    public Errors Validate()
    {
        var errors = new Errors();
        errors.Id("id", Id);
        errors.Required("name", Name);
        errors.MaxLength("name", Name, 300);
        errors.MaxLength("industry", Industry, 100);
        errors.MaxLength("region", Region, 200);
        return errors;
    }
}
