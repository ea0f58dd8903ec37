using Matchmaker.Core.Matching;
using Matchmaker.Core.Reports;
using Matchmaker.Core.Validation;

namespace Matchmaker.Api.Reports;

/// <summary>
/// What a match export asks for, from the API's query or the command line's options alike: the file's format, the
/// language of its header, and the filter. Each bad value is a field error named as the query parameter.
/// </summary>
internal sealed record MatchExportRequest(MatchExportFilter Filter, bool Xlsx, bool English)
{
    public static readonly string[] Formats = ["csv", "xlsx"];

    /// <summary>The request, or the errors of its values; its tenant is <paramref name="partner"/> (null: every partner).</summary>
    public static (MatchExportRequest? Request, Errors Errors) Parse(
        string? format, string? lang, string? from, string? to, string? region, string? industry, string? status, string? partner)
    {
        var errors = new Errors();
        if (partner is not null) errors.Id("partner", partner);
        if (format is not null && !Formats.Contains(format)) errors.Add("format", "must be csv or xlsx");
        ReportFiles.Language(errors, lang);
        var start = ReportFiles.Day(errors, "from", from);
        var end = ReportFiles.Day(errors, "to", to);
        if (start > end) errors.Add("to", $"is before from ({from})");
        errors.MaxLength("region", region, 200);
        errors.MaxLength("industry", industry, 200);
        MatchStatus? parsed = null;
        if (status is not null)
        {
            parsed = Enum.GetValues<MatchStatus>().Cast<MatchStatus?>().FirstOrDefault(s => string.Equals(s.ToString(), status, StringComparison.OrdinalIgnoreCase));
            if (parsed is null) errors.Add("status", "must be one of proposed, contacted, accepted, declined, visited, solved, unsolved, withdrawn");
        }
        if (errors.Any) return (null, errors);
        var filter = new MatchExportFilter { Tenant = partner, From = start, To = end, Region = region, Industry = industry, Status = parsed };
        return (new MatchExportRequest(filter, format == "xlsx", lang == "en"), errors);
    }
}
