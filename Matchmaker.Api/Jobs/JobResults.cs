using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Matchmaker.Core.Jobs;
using Matchmaker.Core.Storage;

namespace Matchmaker.Api.Jobs;

/// <summary>One line of a job's JSON Lines results: an expert of a problem, or (a campaign's) problem left <c>unassigned</c>, with why.</summary>
public sealed record JobResultLine(string ProblemId, string? ExpertId, string? ExpertName, double? Score, int Rank, string[]? MatchedTerms, string? Unassigned);

/// <summary>
/// A job's results as JSON Lines or CSV, written row by row as they are read (the API and the command line): CSV in
/// UTF-8 with a byte order mark so that Excel shows Chinese, and a cell a spreadsheet would take for a formula (=, +,
/// -, @) started with a quote mark.
/// </summary>
internal static class JobResults
{
    public const string CsvHeader = "problemId,expertId,expertName,score,rank,matchedTerms,unassigned";

    private static readonly JsonSerializerOptions LineOptions = new(MatchmakerJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static async Task<int> WriteAsync(Stream output, IAsyncEnumerable<JobRow> rows, bool csv, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: csv), 1 << 16, leaveOpen: true);
        if (csv) await writer.WriteLineAsync(CsvHeader);
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (csv)
                await writer.WriteLineAsync(string.Join(',', Cell(row.ProblemId), Cell(row.ExpertId), Cell(row.ExpertName),
                    row.Score?.ToString("0.####", CultureInfo.InvariantCulture) ?? "", row.Rank.ToString(CultureInfo.InvariantCulture),
                    Cell(row.MatchedTerms), Cell(row.Reason)));
            else
                await writer.WriteLineAsync(JsonSerializer.Serialize(new JobResultLine(row.ProblemId, row.ExpertId, row.ExpertName,
                    row.Score is { } s ? Math.Round(s, 4) : null, row.Rank, row.MatchedTerms?.Split('、'), row.Reason), LineOptions));
            if (++written % 1000 == 0) await writer.FlushAsync(cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
        return written;
    }

    // RFC 4180 quoting, after a cell a spreadsheet would read as a formula has been started with a quote mark.
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
