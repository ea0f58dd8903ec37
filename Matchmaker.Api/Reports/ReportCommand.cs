using System.ComponentModel;
using System.Globalization;
using System.Text;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Experts;
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

        internal DateOnly? Day(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

        internal ExpertKind? Kind => ExpertKinds.Parse(ExpertKind);

        public override ValidationResult Validate() =>
            From is not null && Day(From) is null ? ValidationResult.Error("--from is a date as yyyy-MM-dd")
            : To is not null && Day(To) is null ? ValidationResult.Error("--to is a date as yyyy-MM-dd")
            : Day(From) > Day(To) ? ValidationResult.Error("--from is after --to")
            : ExpertKind is not null && Kind is null ? ValidationResult.Error($"--expert-kind is {ExpertKinds.Names}")
            : Format is not (null or "json" or "csv" or "xlsx" or "html") ? ValidationResult.Error("--format is json, csv, xlsx or html")
            : Lang is not ("zh" or "en") ? ValidationResult.Error("--lang is zh or en")
            : Format == "xlsx" && Out is null ? ValidationResult.Error("--format xlsx needs --out FILE")
            : ValidationResult.Success();
    }

    private sealed class Kpi : AsyncCommand<KpiSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, KpiSettings settings, CancellationToken cancellationToken)
        {
            var database = await StaffCommandLine.DatabaseAsync();
            var to = settings.Day(settings.To) ?? Ranker.ChinaDay(DateTimeOffset.UtcNow);
            var from = settings.Day(settings.From) ?? to.AddYears(-1).AddDays(1);
            var report = await new KpiStore(database, TimeProvider.System).ReportAsync(
                new KpiQuery(from, to, settings.Partner, settings.Region, settings.Industry, settings.Society, settings.Kind));
            var labels = KpiLabels.For(settings.Lang);
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
                switch (settings.Format)
                {
                    case "csv": await KpiFiles.WriteCsvAsync(output, report, labels, cancellationToken); break;
                    case "xlsx": await KpiFiles.WriteXlsxAsync(output, report, labels, cancellationToken); break;
                    case "html": await output.WriteAsync(Encoding.UTF8.GetBytes(KpiFiles.Html(report, labels)), cancellationToken); break;
                    default: await System.Text.Json.JsonSerializer.SerializeAsync(output, report, Core.Storage.MatchmakerJson.Options, cancellationToken); break;
                }
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
