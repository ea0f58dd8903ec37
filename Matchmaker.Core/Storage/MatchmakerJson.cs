using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matchmaker.Core.Storage;

/// <summary>
/// The one JSON contract of Matchmaker, shared by the HTTP API and the JSON Lines imports: camelCase, unknown fields
/// rejected, nullability and <c>required</c> respected, enums as their camelCase names.
/// </summary>
public static class MatchmakerJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 32;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Chinese (and every other script) as UTF-8 rather than \uXXXX escapes: a third of the bytes, and readable.
        // Only what JSON itself requires is escaped (quotes, backslashes, control characters), not the characters
        // that matter inside HTML (<, >, &, +, '): answers go out as application/json, never into a page as they are.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    /// <summary>Turns a deserialization failure into a field (JSON path without "$.") and a reason a client can act on.</summary>
    public static (string Field, string Reason) Describe(JsonException exception)
    {
        var path = exception.Path is null or "$" ? "" : exception.Path.StartsWith("$.", StringComparison.Ordinal) ? exception.Path[2..] : exception.Path.TrimStart('$');
        var message = exception.Message;
        var unmapped = System.Text.RegularExpressions.Regex.Match(message, "The JSON property '([^']*)' could not be mapped");
        if (unmapped.Success)
        {
            var name = unmapped.Groups[1].Value;
            return (path.Length == 0 ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}", "is not a known field");
        }
        var missing = System.Text.RegularExpressions.Regex.Match(message, "missing required properties including: (.*)\\.?$");
        if (missing.Success)
        {
            var names = missing.Groups[1].Value.Replace("'", "").TrimEnd('.');
            return (path.Length == 0 ? names : $"{path}.{names}", "is required");
        }
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("nullab", StringComparison.OrdinalIgnoreCase))
            return (path, "may not be null");
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return (path, "has the wrong type or an unknown value");
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
            return (path, "is nested too deeply");
        if (exception.InnerException is InvalidOperationException or FormatException or OverflowException)
            return (path, "has the wrong type or is out of range");
        return (path, "is not valid JSON");
    }
}
