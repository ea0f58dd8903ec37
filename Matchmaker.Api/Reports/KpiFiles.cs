using System.Globalization;
using System.Net;
using System.Text;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Reports;
using MiniExcelLibs;

namespace Matchmaker.Api.Reports;

/// <summary>
/// A KPI report in the formats analysts hand in: CSV (one table: breakdown, key, the figures; UTF-8 with a byte order
/// mark so that Excel shows Chinese; formula-like cells escaped), XLSX (one sheet for the totals, the monthly trend
/// and each breakdown; numbers as numbers) and a self-contained HTML page with SVG charts that prints to PDF.
/// </summary>
internal static class KpiFiles
{
    // The tables of a report, in order: the totals, the months, then each breakdown.
    private static readonly string[] Tables = ["total", "month", .. KpiReport.Dimensions];

    // Every row of the report, in the order of the tables.
    private static IEnumerable<(string Breakdown, string Key, KpiFigures Figures)> Rows(KpiReport report, KpiLabels labels) =>
        new[] { ("total", labels.All_, report.Totals) }
            .Concat(report.Monthly.Select(r => ("month", r.Key, r.Figures)))
            .Concat(KpiReport.Dimensions.SelectMany(d => report.Breakdowns[d].Select(r => (d, labels.Key(d, r.Key), r.Figures))));

    /// <summary>The media type of a file <paramref name="format"/> (csv, xlsx, html).</summary>
    public static string ContentType(string format) => format switch
    {
        "csv" => $"{ReportFiles.CsvType}; charset=utf-8",
        "xlsx" => ReportFiles.XlsxType,
        _ => "text/html; charset=utf-8",
    };

    /// <summary>Writes the report in <paramref name="format"/>: csv, xlsx, html, or otherwise JSON.</summary>
    public static async Task WriteAsync(Stream output, KpiReport report, KpiLabels labels, string? format, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case "csv": await WriteCsvAsync(output, report, labels, cancellationToken); break;
            case "xlsx": await WriteXlsxAsync(output, report, labels, cancellationToken); break;
            case "html": await output.WriteAsync(Encoding.UTF8.GetBytes(Html(report, labels)), cancellationToken); break;
            default: await System.Text.Json.JsonSerializer.SerializeAsync(output, report, Core.Storage.MatchmakerJson.Options, cancellationToken); break;
        }
    }

    private static async Task WriteCsvAsync(Stream output, KpiReport report, KpiLabels labels, CancellationToken cancellationToken)
    {
        await using var csv = ReportFiles.OpenCsv(output);
        csv.WriteRecord([labels.Breakdowns, labels.KeyColumn, .. labels.Figures.Select(f => f.Label)]);
        foreach (var (breakdown, key, figures) in Rows(report, labels))
        {
            csv.WriteField(labels.Breakdown(breakdown));
            csv.WriteField(key);
            foreach (var figure in labels.Figures) csv.WriteField(Convert.ToString(figure.Value(figures), CultureInfo.InvariantCulture) ?? "");
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WriteXlsxAsync(Stream output, KpiReport report, KpiLabels labels, CancellationToken cancellationToken)
    {
        // A sheet for every breakdown, with its header even when the period has no row for it.
        var sheets = new Dictionary<string, object>();
        var rows = Rows(report, labels).ToLookup(r => r.Breakdown);
        foreach (var breakdown in Tables)
        {
            var table = new System.Data.DataTable(labels.Breakdown(breakdown));
            table.Columns.Add(labels.KeyColumn, typeof(string));
            foreach (var figure in labels.Figures) table.Columns.Add(figure.Label, typeof(object));
            foreach (var row in rows[breakdown]) table.Rows.Add([row.Key, .. labels.Figures.Select(f => f.Value(row.Figures) ?? DBNull.Value)]);
            sheets[labels.Breakdown(breakdown)] = table;
        }
        // A workbook is a zip, written whole; a KPI report is small, so it is made in memory and then sent.
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static string Html(KpiReport report, KpiLabels labels)
    {
        var q = report.Query;
        var filters = new[] { ("partner", q.Partner), ("region", q.Region), ("industry", q.Industry), ("society", q.Society), ("expertKind", q.ExpertKind is { } kind ? labels.Key("expertKind", ExpertKinds.Name(kind)) : null) }
            .Where(f => f.Item2 is not null).Select(f => $"{labels.Breakdown(f.Item1)}: {f.Item2}").ToList();
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="{{(labels.Chinese ? "zh-CN" : "en")}}">
            <head>
            <meta charset="utf-8">
            <title>{{E(labels.Title)}} {{q.From:yyyy-MM-dd}} – {{q.To:yyyy-MM-dd}}</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #1d2733; }
            h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 2px solid #2b6cb0; padding-bottom: .2rem; }
            .meta { color: #55606e; font-size: .9rem; }
            .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: .8rem; margin-top: 1rem; }
            .card { border: 1px solid #d5dbe3; border-radius: 6px; padding: .6rem .8rem; }
            .card b { display: block; font-size: 1.5rem; color: #2b6cb0; }
            table { border-collapse: collapse; width: 100%; font-size: .8rem; margin-top: .6rem; }
            th, td { border: 1px solid #d5dbe3; padding: .25rem .4rem; text-align: right; } th:first-child, td:first-child { text-align: left; }
            th { background: #edf2f7; }
            svg { max-width: 100%; height: auto; } svg text { font-size: 12px; fill: #1d2733; }
            @media print { body { margin: 0; } section { break-inside: avoid; } .cards { grid-template-columns: repeat(4, 1fr); } }
            </style>
            </head>
            <body>
            <h1>{{E(labels.Title)}}</h1>
            <p class="meta">{{E(labels.Period)}}: {{q.From:yyyy-MM-dd}} – {{q.To:yyyy-MM-dd}} · {{E(labels.Filters)}}: {{E(filters.Count == 0 ? labels.All_ : string.Join("; ", filters))}} · {{E(labels.Generated)}}: {{report.GeneratedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}} (UTC+8)</p>
            <div class="cards">
            """);
        foreach (var (name, label, value) in labels.Figures.Where(f => f.Name is "societiesEngaged" or "expertVisits" or "enterprisesServed" or "problemsSolved"
                     or "profitAddedYuan" or "patents" or "standards" or "distinctExperts"))
            html.Append($"<div class=\"card\" data-figure=\"{name}\">{E(label)}<b>{Number(value(report.Totals))}</b></div>\n");
        html.Append("</div>\n");

        var t = report.Totals;
        html.Append($"<section><h2>{E(labels.Funnel)}</h2>\n");
        html.Append(Bars("funnel", labels.Figures.Where(f => f.Name.StartsWith("problems", StringComparison.Ordinal))
            .Select(f => (f.Label, Convert.ToDouble(f.Value(t), CultureInfo.InvariantCulture))).ToList(), labels.NoData));
        html.Append("</section>\n");

        html.Append($"<section><h2>{E(labels.SolvedByIndustry)}</h2>\n");
        html.Append(Bars("solved-by-industry", report.Breakdowns["industry"].Where(r => r.Figures.ProblemsSolved > 0)
            .OrderByDescending(r => r.Figures.ProblemsSolved).Take(15).Select(r => (r.Key, (double)r.Figures.ProblemsSolved)).ToList(), labels.NoData));
        html.Append("</section>\n");

        html.Append($"<section><h2>{E(labels.Trend)}</h2>\n");
        html.Append(Trend(report.Monthly, labels));
        html.Append("</section>\n");

        var rowsOf = Rows(report, labels).ToLookup(r => r.Breakdown);
        foreach (var breakdown in Tables)
        {
            html.Append($"<section><h2>{E(labels.Breakdown(breakdown))}</h2>\n<table data-breakdown=\"{breakdown}\"><tr><th>{E(labels.KeyColumn)}</th>");
            foreach (var figure in labels.Figures) html.Append($"<th>{E(figure.Label)}</th>");
            html.Append("</tr>\n");
            foreach (var row in rowsOf[breakdown])
            {
                html.Append($"<tr><td>{E(row.Key)}</td>");
                foreach (var figure in labels.Figures) html.Append($"<td>{Number(figure.Value(row.Figures))}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table></section>\n");
        }
        html.Append($"<p class=\"meta\">{E(labels.Definitions)}</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    // Horizontal bars, each labelled with its value; the values are in data-value for anyone reading the page's data.
    private static string Bars(string id, IReadOnlyList<(string Label, double Value)> bars, string empty)
    {
        if (bars.Count == 0) return $"<svg id=\"{id}\" viewBox=\"0 0 760 40\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><text x=\"10\" y=\"25\">{E(empty)}</text></svg>\n";
        const int width = 760, labelWidth = 220, rowHeight = 26;
        var max = Math.Max(1, bars.Max(b => b.Value));
        var svg = new StringBuilder($"<svg id=\"{id}\" viewBox=\"0 0 {width} {bars.Count * rowHeight + 10}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var length = (width - labelWidth - 80) * value / max;
            var y = 5 + i * rowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<g data-label=\"{E(label)}\" data-value=\"{value.ToString(CultureInfo.InvariantCulture)}\"><title>{E(label)}: {Number(value)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\">{E(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{length:F1}\" height=\"{rowHeight - 8}\" fill=\"#2b6cb0\" rx=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + length + 6:F1}\" y=\"{y + 17}\">{Number(value)}</text></g>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    // Expert visits and problems solved per month, as two lines over the period's months.
    private static string Trend(IReadOnlyList<KpiRow> months, KpiLabels labels)
    {
        const int width = 760, height = 260, left = 40, bottom = 40, top = 20, right = 20;
        var series = new[]
        {
            (Name: "expertVisits", Colour: "#2b6cb0", Values: months.Select(m => (double)m.Figures.ExpertVisits).ToArray()),
            (Name: "problemsSolved", Colour: "#c05621", Values: months.Select(m => (double)m.Figures.ProblemsSolved).ToArray()),
        };
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        double X(int i) => left + (months.Count <= 1 ? 0 : (width - left - right) * i / (double)(months.Count - 1));
        double Y(double v) => height - bottom - (height - bottom - top) * v / max;
        var svg = new StringBuilder($"<svg id=\"trend\" viewBox=\"0 0 {width} {height + 20}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - right}\" y2=\"{height - bottom}\" stroke=\"#99a3ad\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{Y(max) + 4:F1}\" text-anchor=\"end\">{Number(max)}</text><text x=\"{left - 6}\" y=\"{height - bottom + 4}\" text-anchor=\"end\">0</text>\n");
        for (var i = 0; i < months.Count; i++)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):F1}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\">{E(months[i].Key[2..])}</text>");
        var legend = 0;
        foreach (var (name, colour, values) in series)
        {
            var label = labels.Figures.First(f => f.Name == name).Label;
            var points = string.Join(' ', values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):F1},{Y(v):F1}")));
            svg.Append(CultureInfo.InvariantCulture, $"\n<g data-series=\"{name}\" data-values=\"{string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}\"><title>{E(label)}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>");
            for (var i = 0; i < values.Length; i++)
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i):F1}\" cy=\"{Y(values[i]):F1}\" r=\"3\" fill=\"{colour}\"><title>{E(months[i].Key)} {E(label)}: {Number(values[i])}</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + legend * 220}\" y=\"{height + 4}\" width=\"14\" height=\"10\" fill=\"{colour}\"/><text x=\"{left + legend * 220 + 20}\" y=\"{height + 13}\">{E(label)}</text></g>\n");
            legend++;
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static string Number(object? value) => value switch
    {
        null => "–",
        decimal d => d.ToString("#,0.##", CultureInfo.InvariantCulture),
        double d => d.ToString("#,0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => E(value.ToString() ?? ""),
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
