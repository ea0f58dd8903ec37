using System.ComponentModel;
using System.Globalization;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Matchmaker.Api.Reports;

/// <summary>
/// <c>Matchmaker.Api report ...</c>: analysts' reports from a terminal, on the server's own database and without a
/// running server. Every partner's records unless <c>--partner</c> names one.
/// </summary>
internal static class ReportCommand
{
    public static void Configure(IConfigurator<CommandSettings> report)
    {
        report.SetDescription("Reports for analysts, from the server's database: the KPIs of a period as JSON, CSV, XLSX or HTML, and the match export.");
        report.AddCommand<Kpi>("kpi").WithDescription("The KPIs of a period with breakdowns and the monthly trend (all partners unless --partner).")
            .WithExample("report", "kpi", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "xlsx", "--out", "kpi-2026.xlsx");
        report.AddCommand<Matches>("matches")
            .WithDescription("Every match with its problem, enterprise, expert, lifecycle and outcome figures, as CSV (default) or XLSX (all partners unless --partner).")
            .WithExample("report", "matches", "--format", "xlsx", "--out", "matches.xlsx", "--from", "2026-01-01", "--region", "湖州市德清县");
    }

    public sealed class KpiSettings : CommandSettings
    {
        [CommandOption("--from <DATE>"), Description("the first day, yyyy-MM-dd (China time; default: a year before --to)")]
        public string? From { get; init; }

        [CommandOption("--to <DATE>"), Description("the last day, yyyy-MM-dd (default: today)")]
        public string? To { get; init; }

        [CommandOption("--partner <ID>"), Description("one partner's records (default: every partner's)")]
        public string? Partner { get; init; }

        [CommandOption("--region <TEXT>"), Description("problems whose region contains this")]
        public string? Region { get; init; }

        [CommandOption("--industry <TEXT>"), Description("problems of this industry")]
        public string? Industry { get; init; }

        [CommandOption("--society <NAME>"), Description("matches of experts of this society")]
        public string? Society { get; init; }

        [CommandOption("--expert-kind <KIND>"), Description("matches of experts of this kind: academician, societyExpert, overseasTalent, engineer")]
        public string? ExpertKind { get; init; }

        [CommandOption("--format <FORMAT>"), Description("json, csv, xlsx or html (default: a table of the totals on the terminal)")]
        public string? Format { get; init; }

        [CommandOption("--lang <LANG>"), Description("zh (default) or en")]
        public string Lang { get; init; } = "zh";

        [CommandOption("--out <FILE>"), Description("the file to write (default: the standard output; xlsx needs a file)")]
        public string? Out { get; init; }

        internal (KpiRequest? Request, Core.Validation.Errors Errors) Parse() =>
            KpiRequest.Parse(Ranker.ChinaDay(DateTimeOffset.UtcNow), From, To, Partner, Region, Industry, Society, ExpertKind, Format, Lang);

        // The values themselves are checked by KpiRequest, as for the API; this is the command line's own rule.
        public override ValidationResult Validate() =>
            Format == "xlsx" && Out is null ? ValidationResult.Error("--format xlsx needs --out FILE") : ValidationResult.Success();
    }

    private sealed class Kpi : AsyncCommand<KpiSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, KpiSettings settings, CancellationToken cancellationToken)
        {
            var (request, errors) = settings.Parse();
            if (request is null)
            {
                Console.Error.WriteLine(errors.Summary());
                return 2;
            }
            var report = await new KpiStore(await StaffCommandLine.DatabaseAsync(), TimeProvider.System).ReportAsync(request.Query);
            var (labels, from, to) = (request.Labels, request.Query.From, request.Query.To);
            if (settings.Format is null)
            {
                var table = new Table().AddColumns(labels.KeyColumn, labels.All_).Border(TableBorder.Rounded);
                table.Title = new TableTitle($"{labels.Title} {from:yyyy-MM-dd} – {to:yyyy-MM-dd}");
                foreach (var (_, label, value) in labels.Figures)
                    table.AddRow(Markup.Escape(label), Markup.Escape(Convert.ToString(value(report.Totals), CultureInfo.InvariantCulture) ?? "–"));
                AnsiConsole.Write(table);
                return 0;
            }
            try
            {
                await using var output = settings.Out is null ? Console.OpenStandardOutput() : File.Create(settings.Out);
                await KpiFiles.WriteAsync(output, report, labels, settings.Format, cancellationToken);
                if (settings.Out is not null)
                    Console.Error.WriteLine($"{settings.Format} report {from:yyyy-MM-dd} – {to:yyyy-MM-dd} written to {Path.GetFullPath(settings.Out)}");
                return 0;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"could not write {settings.Out}: {exception.Message}");
                return 1;
            }
        }
    }

    public sealed class MatchesSettings : CommandSettings
    {
        [CommandOption("--format <FORMAT>"), Description("csv (default) or xlsx")]
        public string? Format { get; init; }

        [CommandOption("--out <FILE>"), Description("the file to write (default: the standard output)")]
        public string? Out { get; init; }

        [CommandOption("--lang <LANG>"), Description("the header's language: zh (default) or en")]
        public string? Lang { get; init; }

        [CommandOption("--from <DATE>"), Description("matches proposed on this day or later, China time (yyyy-MM-dd)")]
        public string? From { get; init; }

        [CommandOption("--to <DATE>"), Description("matches proposed on this day or earlier, China time (yyyy-MM-dd)")]
        public string? To { get; init; }

        [CommandOption("--region <TEXT>"), Description("matches of problems whose region contains this, e.g. 湖州市德清县")]
        public string? Region { get; init; }

        [CommandOption("--industry <TEXT>"), Description("matches of problems of this industry")]
        public string? Industry { get; init; }

        [CommandOption("--status <STATUS>"), Description("matches in this status: proposed, contacted, accepted, declined, visited, solved, unsolved, withdrawn")]
        public string? Status { get; init; }

        [CommandOption("--partner <ID>"), Description("the partner whose matches to write (default: every partner's)")]
        public string? Partner { get; init; }
    }

    private sealed class Matches : AsyncCommand<MatchesSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, MatchesSettings settings, CancellationToken cancellationToken)
        {
            var (request, errors) = MatchExportRequest.Parse(settings.Format, settings.Lang, settings.From, settings.To, settings.Region,
                settings.Industry, settings.Status, settings.Partner);
            if (request is null)
            {
                Console.Error.WriteLine(errors.Summary());
                return 2;
            }
            var store = new MatchExportStore(await StaffCommandLine.DatabaseAsync());
            try
            {
                await using var output = settings.Out is null ? Console.OpenStandardOutput() : File.Create(settings.Out);
                var rows = await MatchExportFile.WriteAsync(output, store.RowsAsync(request.Filter, cancellationToken), request, cancellationToken);
                if (settings.Out is not null) Console.Error.WriteLine($"{rows:N0} matches written to {Path.GetFullPath(settings.Out)}");
                return 0;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"could not write {settings.Out}: {exception.Message}");
                return 1;
            }
        }
    }
}
