using Matchmaker.Core.Experts;
using Matchmaker.Core.Reports;
using Matchmaker.Core.Validation;

namespace Matchmaker.Api.Reports;

/// <summary>
/// What a KPI report asks for, from the API's query or the command line's options alike: the period and filters,
/// the format (null: the API's JSON, the command line's table) and the labels' language. Each bad value is a field
/// error named as the query parameter. The query's partner is the one named; the API narrows it to the caller's.
/// </summary>
internal sealed record KpiRequest(KpiQuery Query, string? Format, KpiLabels Labels)
{
    public static readonly string[] Formats = ["json", "csv", "xlsx", "html"];

    /// <summary>The request, or the errors of its values; the period defaults to the 12 months up to <paramref name="today"/>.</summary>
    public static (KpiRequest? Request, Errors Errors) Parse(DateOnly today, string? from, string? to, string? partner, string? region,
        string? industry, string? society, string? expertKind, string? format, string? lang)
    {
        var errors = new Errors();
        var last = ReportFiles.Day(errors, "to", to) ?? today;
        var first = ReportFiles.Day(errors, "from", from) ?? last.AddYears(-1).AddDays(1);
        if (!errors.Any && first > last) errors.Add("from", "is after to");
        if (!errors.Any && last.DayNumber - first.DayNumber > 3660) errors.Add("from", "is more than ten years before to");
        if (partner is not null) errors.Id("partner", partner);
        errors.MaxLength("region", region, 200);
        errors.MaxLength("industry", industry, 200);
        errors.MaxLength("society", society, 200);
        var kind = ExpertKinds.Parse(expertKind);
        if (expertKind is not null && kind is null) errors.Add("expertKind", $"must be {ExpertKinds.Names}");
        if (format is not null && !Formats.Contains(format)) errors.Add("format", "must be json, csv, xlsx or html");
        ReportFiles.Language(errors, lang);
        if (errors.Any) return (null, errors);
        return (new KpiRequest(new KpiQuery(first, last, partner, region, industry, society, kind), format, KpiLabels.For(lang)), errors);
    }
}
