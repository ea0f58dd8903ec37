using System.Text.Json.Serialization;

namespace Matchmaker.Core.Societies;

[JsonConverter(typeof(JsonStringEnumConverter<SocietyLevel>))]
public enum SocietyLevel
{
    [JsonStringEnumMemberName("national")] National,
    [JsonStringEnumMemberName("provincial")] Provincial,
    [JsonStringEnumMemberName("municipal")] Municipal,
}

/// <summary>An academic society (学会) at national, provincial or municipal level.</summary>
public sealed record Society(string Id, string Name, SocietyLevel Level);
