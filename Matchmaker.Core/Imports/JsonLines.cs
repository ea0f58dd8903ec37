using System.Text.Json;
using Matchmaker.Core.Storage;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Imports;

/// <summary>A line of an import that was not taken, with the 1-based line number, the item id if known and why.</summary>
public sealed record ImportError(int Line, string? Id, string Field, string Reason);

/// <summary>What an import did: lines read, records created and updated, and the lines it refused.</summary>
public sealed record ImportReport(int Received, int Created, int Updated, int Failed, IReadOnlyList<ImportError> Errors)
{
    public int Imported => Created + Updated;
}

/// <summary>Reads JSON Lines: one object a line, each parsed and validated on its own so that bad lines do not sink good ones.</summary>
public static class JsonLines
{
    public sealed record Line<T>(int Number, T Item);

    public static (List<Line<T>> Items, List<ImportError> Errors, int Received) Parse<T>(
        ReadOnlyMemory<byte> body, Func<T, Errors> validate, Func<T, string> idOf) where T : class
    {
        var items = new List<Line<T>>();
        var errors = new List<ImportError>();
        var received = 0;
        var number = 0;
        var rest = body;
        while (!rest.IsEmpty)
        {
            number++;
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            line = TrimLine(line, number == 1);
            if (line.IsEmpty) continue;
            received++;
            T? item;
            try
            {
                item = JsonSerializer.Deserialize<T>(line.Span, MatchmakerJson.Options);
            }
            catch (JsonException exception)
            {
                var (field, reason) = MatchmakerJson.Describe(exception);
                errors.Add(new ImportError(number, IdOf(line), field, reason));
                continue;
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or NotSupportedException)
            {
                errors.Add(new ImportError(number, null, "", "the line is not valid JSON in UTF-8"));
                continue;
            }
            if (item is null)
            {
                errors.Add(new ImportError(number, null, "", "the line must be a JSON object"));
                continue;
            }
            var problems = validate(item);
            if (problems.Any)
            {
                errors.Add(new ImportError(number, idOf(item), problems.FirstField, problems.Summary()));
                continue;
            }
            items.Add(new Line<T>(number, item));
        }
        return (items, errors, received);
    }

    // The id of a line that did not bind (e.g. a required field is missing), when the line is JSON with a string id.
    private static string? IdOf(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString() : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            return null; // broken JSON or text that is not valid UTF-8: the line is reported without an id
        }
    }

    private static ReadOnlyMemory<byte> TrimLine(ReadOnlyMemory<byte> line, bool first)
    {
        var span = line.Span;
        if (first && span.StartsWith("\uFEFF"u8)) line = line[3..];
        while (!line.IsEmpty && line.Span[^1] is (byte)'\r' or (byte)' ' or (byte)'\t') line = line[..^1];
        while (!line.IsEmpty && line.Span[0] is (byte)' ' or (byte)'\t') line = line[1..];
        return line;
    }
}
