using System.Text.Json;

namespace Matchmaker.Core.Storage;

/// <summary>Lists are stored as JSON text columns; these two calls are the only place that knows it.</summary>
internal static class JsonColumn
{
    public static string Write(IReadOnlyList<string>? values) => JsonSerializer.Serialize(values ?? []);

    public static IReadOnlyList<string> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}

/// <summary>Enums are stored under their camelCase API names ("societyExpert"), so SQL reports read like the API.</summary>
internal static class EnumColumn
{
    public static string Write<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static T Read<T>(string value) where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: true);
}

/// <summary>Dates as yyyy-MM-dd text, alike on both providers (and ordered as text).</summary>
internal static class DateColumn
{
    public static string? Write(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly? Read(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
