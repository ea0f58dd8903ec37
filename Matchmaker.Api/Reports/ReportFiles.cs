using System.Globalization;
using CsvHelper;
using Matchmaker.Core.Validation;

namespace Matchmaker.Api.Reports;

/// <summary>
/// What the reports (KPIs, the match export) share, through the API and the command line alike: their media types,
/// the CSV writer (UTF-8 with a byte order mark so that Excel shows Chinese; text a spreadsheet would take for a
/// formula, starting with =, +, - or @, escaped with a quote mark), and the days and languages of their queries.
/// </summary>
internal static class ReportFiles
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The languages of a report's headers and labels; Chinese is the default.</summary>
    public static readonly string[] Languages = ["zh", "en"];

    public static void Language(Errors errors, string? lang)
    {
        if (lang is not null && !Languages.Contains(lang)) errors.Add("lang", "must be zh or en");
    }

    public static CsvWriter OpenCsv(Stream output) =>
        CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);

    /// <summary>
    /// A day of a report's query, yyyy-MM-dd (China time), or null when not given; a malformed one is an error of
    /// <paramref name="field"/>. Far years are refused rather than overflow the instants a day is turned into.
    /// </summary>
    public static DateOnly? Day(Errors errors, string field, string? text)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 1900 and <= 9998)
            return day;
        errors.Add(field, "must be a date, yyyy-MM-dd, between 1900 and 9998");
        return null;
    }
}
