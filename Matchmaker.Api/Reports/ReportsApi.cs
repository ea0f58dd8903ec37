using System.ComponentModel;
using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Reports;
using Microsoft.AspNetCore.Http.Features;

namespace Matchmaker.Api.Reports;

public static class ReportsApi
{
    /// <summary>Each figure's definition, as the README gives them (the OpenAPI description of the endpoint).</summary>
    private const string KpiDefinitions = """
        Every figure is counted by the time of its own event within the period `from`–`to` (dates in China time, both
        included; default: the last 12 months):
        `problemsPosted`: problems whose `postedAt` falls in the period. `problemsMatched`: problems whose first match was
        created in it. `problemsContacted`, `problemsVisited`, `problemsSolved`: problems with a `contacted`, `visited` or
        `solved` event in it (a problem counts once however many of its matches took the step). Each rate is the share
        of the problems counted at a step that had reached the next step by the end of the period, at any time (of the
        problems posted in the period, those matched by its end; of those matched, those contacted; of those contacted,
        those visited; of those visited, those solved): a conversion, never above 1.
        `expertVisits`: `visited` events (人次: one per expert per match). `distinctExperts`: experts with a visit.
        `societiesEngaged`: societies of the experts with a visit. `enterprisesServed`: enterprises whose problems had a
        visit. `profitAddedYuan`, `patents`, `standards`, `awards`, `projects`: the sums of the figures recorded with the
        period's events (a match's figures are recorded once, with its events; the lifecycle allows one `solved` per
        match, so nothing is counted twice). `medianDaysToFirstContact`, `medianDaysToSolved`: over the problems whose
        first contact (first solution) fell in the period, the median days from posting.
        Filters: `region` (a part of the problem's region), `industry` (the problem's), `society` and `expertKind` (the
        expert's: they take only matches of such experts; `problemsPosted` is filtered by the problem's filters only).
        A partner key reads its own records only; staff and analysts read every partner's unless `partner` (or
        `X-Partner-Id`) names one. Breakdowns: by region, industry, society (a match counts under each society of its
        expert), expert kind and partner, and the monthly trend (every month of the period).
        Formats: `json` (default), `csv` (one table: breakdown, key, figures; UTF-8 with a byte order mark; formula-like
        cells escaped), `xlsx` (a sheet for the totals, the months and each breakdown), `html` (a self-contained page
        with SVG charts of the funnel, problems solved by industry and the monthly trend, printable to PDF); labels in
        `lang` `zh` (default) or `en`.
        """;

    private const string Scope =
        "Which partners' matches: a partner key gets its own only (a `partner` naming another partner is refused, 403); " +
        "staff and analyst keys get every partner's, or those of the partner named in `partner` (or in X-Partner-Id; " +
        "the two may not differ).";

    public static void MapReports(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/reports").WithTags("Reports");
        MapKpi(reports);
        MapMatchExport(reports);
    }

    private static void MapKpi(RouteGroupBuilder reports) =>
        reports.MapGet("/kpi", Kpi).WithName("GetKpiReport").RequireAuthorization(Policies.Read)
            .Produces<KpiReport>(StatusCodes.Status200OK, "application/json", ReportFiles.CsvType, ReportFiles.XlsxType, "text/html")
            .WithQueryValues("format", KpiRequest.Formats, "json").WithQueryValues("lang", ReportFiles.Languages, "zh")
            .WithSummary("The association's KPIs for a period (问题漏斗, visits, societies, enterprises, outcomes) with breakdowns and the monthly trend, as JSON, CSV, XLSX or HTML.")
            .WithDescription(KpiDefinitions);

    private static async Task<IResult> Kpi(HttpContext context, KpiStore kpis, TimeProvider clock, string? from, string? to, string? partner,
        string? region, string? industry, string? society, string? expertKind, string? format, string? lang)
    {
        var (request, errors) = KpiRequest.Parse(Ranker.ChinaDay(clock.GetUtcNow()), from, to, partner, region, industry, society, expertKind, format, lang);
        if (request is null) return ApiResults.Invalid(errors);
        if (context.ReportTenant(partner, out var scope) is { } refused) return refused;

        var report = await kpis.ReportAsync(request.Query with { Partner = scope });
        if (request.Format is null or "json") return TypedResults.Ok(report);
        var (first, last) = (report.Query.From, report.Query.To);
        return TypedResults.Stream(body => KpiFiles.WriteAsync(body, report, request.Labels, request.Format, context.RequestAborted),
            KpiFiles.ContentType(request.Format), request.Format == "html" ? null : $"kpi-{first:yyyyMMdd}-{last:yyyyMMdd}.{request.Format}");
    }

    private static void MapMatchExport(RouteGroupBuilder reports) =>
        reports.MapGet("/matches", ExportMatches).WithName("ExportMatches").RequireAuthorization(Policies.Read)
            .Produces<Stream>(StatusCodes.Status200OK, ReportFiles.CsvType, ReportFiles.XlsxType)
            .WithQueryValues("format", MatchExportRequest.Formats, "csv").WithQueryValues("lang", ReportFiles.Languages, "zh")
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
        }, request.Xlsx ? ReportFiles.XlsxType : $"{ReportFiles.CsvType}; charset=utf-8", fileDownloadName: request.Xlsx ? "matches.xlsx" : "matches.csv");
    }
}
