using System.Text;
using System.Text.Json.Nodes;

namespace Matchmaker.Tests.Access;

/// <summary>
/// Generates malformed request bodies from a valid one: wrong types, huge numbers, deep nesting, invalid UTF-8,
/// nulls, extra fields, broken structure and random byte damage. Deterministic for a given seed.
/// </summary>
internal sealed class MalformedBodies(int seed)
{
    private readonly Random _random = new(seed);

    public static readonly string[] Kinds =
        ["wrongType", "hugeNumber", "deepNesting", "invalidUtf8", "null", "extraField", "structure", "longValue", "bytes"];

    private static readonly string[] HugeNumbers =
    [
        "1e309", "-1e309", "99999999999999999999999999999", "-99999999999999999999999999999", "1.7976931348623157e308",
        "4.9e-325", "2147483648", "-2147483649", "9223372036854775808", "1" + new string('0', 400), "0." + new string('0', 400) + "1", "-0",
    ];

    private static readonly string[] OtherValues =
        ["0", "-1", "3.5", "true", "false", "\"\"", "\"text\"", "[]", "[1,2]", "{}", "{\"a\":1}", "[null]", "\"2026-13-45\"", "\"\\u0000\""];

    /// <summary>One malformed variant of <paramref name="valid"/> (a JSON object) of the given kind.</summary>
    public byte[] Make(string valid, string kind)
    {
        var node = JsonNode.Parse(valid)!.AsObject();
        var fields = node.Select(p => p.Key).ToList();
        var field = fields[_random.Next(fields.Count)];
        switch (kind)
        {
            case "wrongType":
                return Replace(node, field, OtherValues[_random.Next(OtherValues.Length)]);
            case "hugeNumber":
                return Replace(node, field, HugeNumbers[_random.Next(HugeNumbers.Length)]);
            case "deepNesting":
                var depth = _random.Next(2) == 0 ? _random.Next(30, 80) : _random.Next(1000, 20000);
                var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                return _random.Next(3) == 0 ? Encoding.UTF8.GetBytes(nested) : Replace(node, field, nested);
            case "invalidUtf8":
                return InvalidUtf8(valid);
            case "null":
                return _random.Next(4) == 0 ? "null"u8.ToArray() : Replace(node, field, _random.Next(2) == 0 ? "null" : "[null,null]");
            case "extraField":
                node[_random.Next(2) == 0 ? "unknown" : field.ToUpperInvariant() + "_x"] = JsonNode.Parse(OtherValues[_random.Next(OtherValues.Length)]);
                return Encoding.UTF8.GetBytes(node.ToJsonString());
            case "structure":
                return Encoding.UTF8.GetBytes(Structure(valid, field));
            case "longValue":
                var length = _random.Next(2) == 0 ? 100_000 : 400_000;
                return _random.Next(2) == 0
                    ? Replace(node, field, "\"" + new string('涂', length) + "\"")
                    : Replace(node, field, "[" + string.Join(",", Enumerable.Repeat("\"x\"", length / 4)) + "]");
            default:
                var bytes = Encoding.UTF8.GetBytes(valid);
                for (var k = 0; k < 1 + _random.Next(4); k++) bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
                return _random.Next(4) == 0 ? bytes[.._random.Next(1, bytes.Length)] : bytes;
        }
    }

    private static byte[] Replace(JsonObject node, string field, string rawValue)
    {
        // Written by hand so that values JsonNode would refuse (1e309, 20,000 levels) reach the server as they are.
        var parts = node.Select(p => $"{System.Text.Json.JsonSerializer.Serialize(p.Key)}:{(p.Key == field ? rawValue : p.Value?.ToJsonString() ?? "null")}");
        return Encoding.UTF8.GetBytes("{" + string.Join(",", parts) + "}");
    }

    private byte[] InvalidUtf8(string valid)
    {
        byte[][] broken = [[0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE6, 0xB6], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]];
        var bytes = Encoding.UTF8.GetBytes(valid).ToList();
        // Inside a string value when possible (after an opening quote of a value), otherwise anywhere.
        var quote = valid.IndexOf(":\"", StringComparison.Ordinal);
        var at = quote >= 0 && _random.Next(3) > 0 ? Encoding.UTF8.GetByteCount(valid[..(quote + 2)]) : _random.Next(bytes.Count);
        bytes.InsertRange(at, broken[_random.Next(broken.Length)]);
        return bytes.ToArray();
    }

    private string Structure(string valid, string field) => _random.Next(12) switch
    {
        0 => "",
        1 => "   \n\t ",
        2 => valid[..(valid.Length / 2)],
        3 => valid + "}",
        4 => valid + " trailing",
        5 => "\uFEFF" + valid,
        6 => valid.Replace("\"", "'"),
        7 => "/* comment */" + valid,
        8 => valid.Insert(1, $"\"{field}\":1,"), // the same field twice
        9 => "[" + valid + "]",
        10 => valid.Replace("\":\"", "\":\"\u0001\n"), // raw control characters inside strings
        _ => valid.Replace("\":\"", "\":\"\\uD800"), // a lone surrogate
    };
}
