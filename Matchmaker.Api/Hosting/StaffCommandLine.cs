using Matchmaker.Api.Access;
using Matchmaker.Api.Jobs;
using Matchmaker.Api.Models;
using Matchmaker.Api.Reports;
using Matchmaker.Core.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Matchmaker.Api.Hosting;

/// <summary>
/// <c>Matchmaker.Api keys|models|jobs|rank-all|campaign|report ...</c>: what staff do from a terminal, on the server's own
/// database and without a running server (Spectre.Console.Cli; <c>--help</c> on every verb). Configuration comes as
/// for the server (appsettings, environment, and arguments of the form <c>--Section:Key=value</c>, which are taken
/// out before the verbs are read). Exit codes: 0 done, 1 failed (or refused), 2 bad usage.
/// </summary>
internal static class StaffCommandLine
{
    private static readonly string[] Verbs = ["keys", "models", "jobs", "rank-all", "campaign", "report", "--help", "-h", "-?"];

    public static bool Matches(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>The configuration arguments of this run (<c>--Section:Key=value</c>).</summary>
    public static string[] Settings { get; private set; } = [];

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        Settings = args.Where(IsSetting).ToArray();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("Matchmaker.Api");
            config.Settings.PropagateExceptions = true;
            config.Settings.StrictParsing = true; // an unknown option is bad usage, not ignored
            if (console is not null) config.Settings.Console = console;
            config.AddBranch("keys", KeysCommand.Configure);
            config.AddBranch("models", ModelsCommand.Configure);
            config.AddBranch("jobs", JobsCommand.Configure);
            config.AddBranch("report", ReportCommand.Configure);
            config.AddCommand<RankAllCommand>("rank-all")
                .WithDescription("Rank the top experts of every problem the filters take (default: the open ones of the partner), as a job with a live progress bar.")
                .WithExample("rank-all", "--top", "10", "--region", "湖州市德清县");
            config.AddCommand<CampaignCommand>("campaign")
                .WithDescription("Assign experts to problems globally under their capacity (a campaign job): the plan, its total against greedy top-k, and --accept to create its matches.")
                .WithExample("campaign", "--region", "湖州市德清县", "--expert-kind", "societyExpert", "--min", "1", "--max", "2", "--max-load", "2", "--min-score", "0.1");
        });
        // Ctrl+C stops a job at its next step and lets it go from its last checkpoint, instead of killing the process.
        using var interrupted = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        Console.CancelKeyPress += stop;
        try
        {
            return await app.RunAsync(args.Where(a => !IsSetting(a)), interrupted.Token);
        }
        catch (CommandAppException exception)
        {
            (console ?? AnsiConsole.Console).MarkupLineInterpolated($"[red]{exception.Message}[/]");
            return 2;
        }
        catch (ConflictException conflict)
        {
            Console.Error.WriteLine(conflict.Message);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    // --Section:Key=value (e.g. --ConnectionStrings:Matchmaker="Data Source=/path/matchmaker.db").
    private static bool IsSetting(string argument) =>
        argument.StartsWith("--", StringComparison.Ordinal) && argument.IndexOf('=') is var equals and > 2 && argument.IndexOf(':') is var colon && colon > 2 && colon < equals;

    /// <summary>The database as the server would open it, migrated.</summary>
    public static async Task<Database> DatabaseAsync()
    {
        var builder = WebApplication.CreateBuilder(Settings);
        var database = MatchmakerHosting.CreateDatabase(builder);
        await database.MigrateAsync();
        return database;
    }

    /// <summary>The server's services without its web server (for jobs: stores, ranking index, runner), the database migrated; warnings only are logged.</summary>
    public static async Task<WebApplication> ServicesAsync()
    {
        var builder = WebApplication.CreateBuilder(Settings);
        // Warnings only, and on the standard error: the standard output is the command's answer (a job id, results).
        builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddMatchmaker();
        var app = builder.Build();
        await app.InitializeMatchmakerAsync();
        return app;
    }
}
