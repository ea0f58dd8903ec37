namespace Matchmaker.Core.Validation;

/// <summary>Field errors collected while checking one input, keyed by the camelCase JSON path of the field.</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    public void Add(string field, string reason)
    {
        if (!_byField.TryGetValue(field, out var reasons)) _byField[field] = reasons = [];
        reasons.Add(reason);
    }

    public void Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max) Add(field, $"is longer than {max} characters");
    }

    public void Id(string field, string? value)
    {
        Required(field, value);
        if (value is null) return;
        MaxLength(field, value, 100);
        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '/'))
            Add(field, "may not contain spaces, control characters or '/'");
    }

    public void Range(string field, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max)) Add(field, $"must be between {min} and {max}");
    }

    public void List(string field, IReadOnlyList<string>? values, int maxItems, int maxLength)
    {
        if (values is null) return;
        if (values.Count > maxItems) Add(field, $"has more than {maxItems} items");
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null) Add($"{field}[{i}]", "may not be null");
            else MaxLength($"{field}[{i}]", values[i], maxLength);
        }
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _byField.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>One line per field, for import reports.</summary>
    public string Summary() => string.Join("; ", _byField.Select(pair => $"{pair.Key}: {string.Join(", ", pair.Value)}"));

    public string FirstField => _byField.Keys.First();
}
