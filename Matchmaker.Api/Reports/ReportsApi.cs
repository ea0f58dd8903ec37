using System.ComponentModel;
using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Reports;
using Microsoft.AspNetCore.Http.Features;

namespace Matchmaker.Api.Reports;

public static class ReportsApi
{
    private const string Scope =
        "Which partners' matches: a partner key gets its own only (a `partner` naming another partner is refused, 403); " +
        "staff and analyst keys get every partner's, or those of the partner named in `partner` (or in X-Partner-Id; " +
        "the two may not differ).";

    public static void MapReports(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/reports").WithTags("Reports");
        MapMatchExport(reports);
    }

    private static void MapMatchExport(RouteGroupBuilder reports) =>
        reports.MapGet("/matches", ExportMatches).WithName("ExportMatches").RequireAuthorization(Policies.Read)
            .Produces<Stream>(StatusCodes.Status200OK, MatchExportFile.CsvType, MatchExportFile.XlsxType)
            .WithQueryValues("format", MatchExportRequest.Formats, "csv").WithQueryValues("lang", MatchExportRequest.Languages, "zh")
            .WithSummary("Export every match with its problem, enterprise, expert, lifecycle and outcome figures, as CSV or XLSX, streamed.")
            .WithDescription("One row per match, oldest first: match, partner, problem (id, title, industry, region, posted at), enterprise, " +
                "expert (id, name, kind, organization, societies), status, score, when it was proposed and when it took each step " +
                "(contacted, accepted, declined, visited, solved, unsolved, withdrawn), the outcome figures summed over its events " +
                "(profit added in yuan, patents, standards, awards, projects) and the rating given last. Times are China time (UTC+8); " +
                "`from` and `to` are days in China, both included, of when the match was proposed. The header is in Chinese (`lang=zh`) " +
                "or English. CSV is UTF-8 with a byte order mark (Excel shows Chinese), text cells starting with =, +, - or @ escaped " +
                "with a quote mark; XLSX has numbers as numbers and times as dates, and no cell is ever a formula. " + Scope)
            .WithRequestTimeout(Limits.ImportTimeout); // a long export outlives the default 30 s

    private static IResult ExportMatches(
        [Description("csv (default) or xlsx.")] string? format,
        [Description("The header's language: zh (default) or en.")] string? lang,
        [Description("Matches proposed on this day or later, China time (yyyy-MM-dd).")] string? from,
        [Description("Matches proposed on this day or earlier, China time (yyyy-MM-dd).")] string? to,
        [Description("Matches of problems whose region contains this, e.g. 湖州市德清县.")] string? region,
        [Description("Matches of problems of this industry, exactly.")] string? industry,
        [Description("Matches in this status: proposed, contacted, accepted, declined, visited, solved, unsolved, withdrawn.")] string? status,
        [Description("The partner whose matches to export (staff and analysts; a partner key may name only its own).")] string? partner,
        HttpContext context, MatchExportStore store)
    {
        var (request, errors) = MatchExportRequest.Parse(format, lang, from, to, region, industry, status, partner);
        if (request is null) return ApiResults.Invalid(errors);
        if (context.ReportTenant(partner, out var tenant) is { } refused) return refused;
        var filter = request.Filter with { Tenant = tenant };
        return TypedResults.Stream(async body =>
        {
            // The only synchronous writes of an XLSX are its zip's small headers and central directory, at the end.
            if (request.Xlsx) context.Features.GetRequiredFeature<IHttpBodyControlFeature>().AllowSynchronousIO = true;
            await MatchExportFile.WriteAsync(body, store.RowsAsync(filter, context.RequestAborted), request, context.RequestAborted);
        }, request.Xlsx ? MatchExportFile.XlsxType : $"{MatchExportFile.CsvType}; charset=utf-8", fileDownloadName: request.Xlsx ? "matches.xlsx" : "matches.csv");
    }
}
