using System.ComponentModel;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Reports;
using Spectre.Console.Cli;

namespace Matchmaker.Api.Reports;

/// <summary>
/// <c>Matchmaker.Api report ...</c>: the reports of the API, written by staff from a terminal on the server's own
/// database, without a running server. Every partner's records unless <c>--partner</c> names one.
/// </summary>
internal static class ReportCommand
{
    public static void Configure(IConfigurator<CommandSettings> report)
    {
        report.SetDescription("Write reports analysts hand in, from the server's database.");
        report.AddCommand<Matches>("matches")
            .WithDescription("Every match with its problem, enterprise, expert, lifecycle and outcome figures, as CSV (default) or XLSX.")
            .WithExample("report", "matches", "--format", "xlsx", "--out", "matches.xlsx", "--from", "2026-01-01", "--region", "湖州市德清县");
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
                if (settings.Out is not null) Console.Error.WriteLine($"{rows:N0} matches written to {settings.Out}");
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
