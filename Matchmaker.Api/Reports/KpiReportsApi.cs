using System.Globalization;
using System.Text;
using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Access;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Reports;
using Matchmaker.Core.Validation;

namespace Matchmaker.Api.Reports;

public static class KpiReportsApi
{
    /// <summary>Each figure's definition, as the README gives them (the OpenAPI description of the endpoint).</summary>
    public const string Definitions = """
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

    private static readonly string[] Formats = ["json", "csv", "xlsx", "html"];
    private static readonly string[] Languages = ["zh", "en"];

    public static void MapKpiReports(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/reports/kpi", Kpi).WithTags("Reports").WithName("GetKpiReport").RequireAuthorization(Policies.Read)
            .Produces<KpiReport>(StatusCodes.Status200OK, "application/json", "text/csv", MatchExportFile.XlsxType, "text/html")
            .WithQueryValues("format", Formats, "json").WithQueryValues("lang", Languages, "zh")
            .WithSummary("The association's KPIs for a period (问题漏斗, visits, societies, enterprises, outcomes) with breakdowns and the monthly trend, as JSON, CSV, XLSX or HTML.")
            .WithDescription(Definitions);
    }

    private static async Task<IResult> Kpi(HttpContext context, KpiStore kpis, TimeProvider clock, string? from, string? to, string? partner,
        string? region, string? industry, string? society, string? expertKind, string? format, string? lang)
    {
        var errors = new Errors();
        var today = Ranker.ChinaDay(clock.GetUtcNow());
        var last = Date(errors, "to", to) ?? today;
        var first = Date(errors, "from", from) ?? last.AddYears(-1).AddDays(1);
        if (!errors.Any && first > last) errors.Add("from", "is after to");
        if (!errors.Any && last.DayNumber - first.DayNumber > 3660) errors.Add("from", "is more than ten years before to");
        if (partner is not null) errors.Id("partner", partner);
        errors.MaxLength("region", region, 200);
        errors.MaxLength("industry", industry, 200);
        errors.MaxLength("society", society, 200);
        var kind = ExpertKinds.Parse(expertKind);
        if (expertKind is not null && kind is null) errors.Add("expertKind", $"must be {ExpertKinds.Names}");
        if (format is not null && !Formats.Contains(format)) errors.Add("format", "must be json, csv, xlsx or html");
        if (lang is not null && !Languages.Contains(lang)) errors.Add("lang", "must be zh or en");
        if (errors.Any) return ApiResults.Invalid(errors);

        if (context.ReportTenant(partner, out var scope) is { } refused) return refused;

        var report = await kpis.ReportAsync(new KpiQuery(first, last, scope, region, industry, society, kind));
        var labels = KpiLabels.For(lang);
        var name = $"kpi-{first:yyyyMMdd}-{last:yyyyMMdd}";
        return format switch
        {
            "csv" => TypedResults.Stream(body => KpiFiles.WriteCsvAsync(body, report, labels, context.RequestAborted), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => TypedResults.Stream(body => KpiFiles.WriteXlsxAsync(body, report, labels, context.RequestAborted), MatchExportFile.XlsxType, name + ".xlsx"),
            "html" => TypedResults.Text(KpiFiles.Html(report, labels), "text/html", Encoding.UTF8),
            _ => TypedResults.Ok(report),
        };
    }

    private static DateOnly? Date(Errors errors, string field, string? text)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(field, "must be a date as yyyy-MM-dd");
        return null;
    }
}
