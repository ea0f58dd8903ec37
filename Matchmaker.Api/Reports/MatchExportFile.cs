using System.Data;
using Matchmaker.Core.Reports;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Matchmaker.Api.Reports;

/// <summary>
/// The match export as a file, written row by row as the rows are read (the API and the command line): CSV in UTF-8
/// with a byte order mark, so that Excel shows Chinese, and every text cell a spreadsheet would take for a formula
/// (=, +, -, @) started with a quote mark; or XLSX, whose numbers are numbers, times are dates, and text is never a
/// formula. Times are in China time (UTC+8); the header is in Chinese or English.
/// </summary>
internal static class MatchExportFile
{
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:sszzz";
    private const string ExcelTimeFormat = "yyyy-mm-dd hh:mm:ss";

    private sealed record Column(string Zh, string En, Func<MatchExportRow, object?> Value, bool IsTime = false)
    {
        public string Label(bool english) => english ? En : Zh;
    }

    private static Column Time(string zh, string en, Func<MatchExportRow, DateTimeOffset?> value) =>
        new(zh, en, row => value(row)?.ToOffset(MatchExportFilter.ChinaOffset), IsTime: true);

    // One row per match, in this order; the values are text, numbers (double, decimal, int) or times.
    private static readonly Column[] Columns =
    [
        new("匹配编号", "Match ID", r => r.MatchId),
        new("合作方", "Partner", r => r.TenantId),
        new("难题编号", "Problem ID", r => r.ProblemId),
        new("难题", "Problem", r => r.ProblemTitle),
        new("行业", "Industry", r => r.Industry),
        new("地区", "Region", r => r.Region),
        Time("发布时间", "Posted at", r => r.PostedAt),
        new("企业编号", "Enterprise ID", r => r.EnterpriseId),
        new("企业", "Enterprise", r => r.EnterpriseName),
        new("专家编号", "Expert ID", r => r.ExpertId),
        new("专家", "Expert", r => r.ExpertName),
        new("专家类型", "Expert kind", r => r.ExpertKind),
        new("工作单位", "Organization", r => r.Organization),
        new("所属学会", "Societies", r => r.Societies.Count == 0 ? null : string.Join('、', r.Societies)),
        new("匹配状态", "Status", r => r.Status),
        new("匹配度", "Score", r => r.Score is { } score ? Math.Round(score, 4) : null),
        Time("推荐时间", "Created at", r => r.CreatedAt),
        Time("联系时间", "Contacted at", r => r.ContactedAt),
        Time("接受时间", "Accepted at", r => r.AcceptedAt),
        Time("谢绝时间", "Declined at", r => r.DeclinedAt),
        Time("走访时间", "Visited at", r => r.VisitedAt),
        Time("解决时间", "Solved at", r => r.SolvedAt),
        Time("未解决时间", "Unsolved at", r => r.UnsolvedAt),
        Time("撤回时间", "Withdrawn at", r => r.WithdrawnAt),
        new("新增利润（元）", "Profit added (yuan)", r => r.ProfitAddedYuan),
        new("专利", "Patents", r => r.Patents),
        new("标准", "Standards", r => r.Standards),
        new("奖项", "Awards", r => r.Awards),
        new("项目", "Projects", r => r.Projects),
        new("评分", "Rating", r => r.Rating),
    ];

    /// <summary>The header of the file in one language.</summary>
    public static IReadOnlyList<string> Header(bool english) => Columns.Select(c => c.Label(english)).ToList();

    /// <summary>Writes the file of <paramref name="request"/>'s format to <paramref name="output"/>; the number of rows.</summary>
    public static Task<int> WriteAsync(Stream output, IAsyncEnumerable<MatchExportRow> rows, MatchExportRequest request, CancellationToken cancellationToken) =>
        request.Xlsx ? WriteXlsxAsync(output, rows, request.English, cancellationToken) : WriteCsvAsync(output, rows, request.English, cancellationToken);

    private static async Task<int> WriteCsvAsync(Stream output, IAsyncEnumerable<MatchExportRow> rows, bool english, CancellationToken cancellationToken)
    {
        await using var csv = ReportFiles.OpenCsv(output);
        await csv.WriteRecordAsync([.. Header(english)], cancellationToken);
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var column in Columns)
            {
                switch (column.Value(row))
                {
                    case DateTimeOffset time: csv.WriteField(time, TimeFormat); break;
                    case double number: csv.WriteField(number); break;
                    case decimal number: csv.WriteField(number); break;
                    case int number: csv.WriteField(number); break;
                    case var text: csv.WriteField((string?)text); break;
                }
            }
            await csv.EndRecordAsync(cancellationToken);
            written++;
        }
        await csv.FlushAsync(cancellationToken);
        return written;
    }

    // MiniExcel takes the rows as an enumerable, which it reads on this thread: each is read from the database as
    // MiniExcel asks for it, and the sheet is written out as it goes (its memory does not grow with the rows).
    private static async Task<int> WriteXlsxAsync(Stream output, IAsyncEnumerable<MatchExportRow> rows, bool english, CancellationToken cancellationToken)
    {
        var written = 0;
        IEnumerable<Dictionary<string, object?>> Cells()
        {
            foreach (var row in rows.ToBlockingEnumerable(cancellationToken))
            {
                written++;
                yield return Columns.ToDictionary(c => c.Label(english), c => ExcelCell(c.Value(row)));
            }
        }
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = Columns.Where(c => c.IsTime).Select(c => new DynamicExcelColumn(c.Label(english)) { Format = ExcelTimeFormat, Width = 20 }).ToArray(),
        };
        using var cells = Cells().GetEnumerator();
        // MiniExcel writes the header from the first row: an export without rows is the header alone.
        object sheet = cells.MoveNext() ? FromFirst(cells) : EmptyTable(english);
        await MiniExcel.SaveAsAsync(output, sheet, sheetName: english ? "Matches" : "匹配", excelType: ExcelType.XLSX, configuration: configuration,
            cancellationToken: cancellationToken);
        return written;
    }

    // A time as the date and time it shows in China, which the column's format displays.
    private static object? ExcelCell(object? value) => value is DateTimeOffset time ? time.DateTime : value;

    private static IEnumerable<T> FromFirst<T>(IEnumerator<T> started)
    {
        do yield return started.Current;
        while (started.MoveNext());
    }

    private static DataTable EmptyTable(bool english)
    {
        var table = new DataTable();
        foreach (var label in Header(english)) table.Columns.Add(label, typeof(object));
        return table;
    }
}
