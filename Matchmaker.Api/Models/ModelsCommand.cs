using System.ComponentModel;
using System.Globalization;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Matching;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Cli;

namespace Matchmaker.Api.Models;

/// <summary>
/// <c>Matchmaker.Api models ...</c>: staff train, list, promote and roll back learned models on the server's own
/// database, without a running server. Running servers serve a promotion or rollback within their poll interval.
/// </summary>
internal static class ModelsCommand
{
    public static void Configure(IConfigurator<CommandSettings> models)
    {
        models.SetDescription("Train, list, promote and roll back learned ranking models on the server's database.");
        models.AddCommand<Train>("train").WithDescription("Train from the recorded outcomes; promote the model if it beats the serving one (--no-promote: keep it a candidate).");
        models.AddCommand<List>("list").WithDescription("Every model with its holdout figures and status.");
        models.AddCommand<Promote>("promote").WithDescription("Promote a candidate (it must have beaten the model serving now).");
        models.AddCommand<Rollback>("rollback").WithDescription("Serve the model the promoted one replaced (or the base ranker).");
    }

    public sealed class TrainSettings : CommandSettings
    {
        [CommandOption("--no-promote"), Description("leave a better model a candidate instead of promoting it")]
        public bool NoPromote { get; init; }
    }

    private sealed class Train : AsyncCommand<TrainSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
        {
            var database = await StaffCommandLine.DatabaseAsync();
            var models = new ModelStore(database, TimeProvider.System);
            var version = await models.StartAsync("command line");
            Console.Error.WriteLine($"training model {version} …");
            var training = new ModelTraining(new MatchStore(database, TimeProvider.System), models, NullLogger<ModelTraining>.Instance);
            var status = await training.RunAsync(version, promote: !settings.NoPromote);
            Print([(await models.FindAsync(version))!]);
            return status is ModelStatus.Failed ? 1 : 0;
        }
    }

    private sealed class List : AsyncCommand<EmptyCommandSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
        {
            Print(await new ModelStore(await StaffCommandLine.DatabaseAsync(), TimeProvider.System).ListAsync());
            return 0;
        }
    }

    public sealed class VersionSettings : CommandSettings
    {
        [CommandArgument(0, "<version>")]
        public long Version { get; init; }
    }

    private sealed class Promote : AsyncCommand<VersionSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, VersionSettings settings, CancellationToken cancellationToken)
        {
            if (await new ModelStore(await StaffCommandLine.DatabaseAsync(), TimeProvider.System).PromoteAsync(settings.Version) is not { } promoted)
            {
                Console.Error.WriteLine($"no model {settings.Version}");
                return 1;
            }
            Print([promoted]);
            return 0;
        }
    }

    private sealed class Rollback : AsyncCommand<EmptyCommandSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
        {
            var serving = await new ModelStore(await StaffCommandLine.DatabaseAsync(), TimeProvider.System).RollbackAsync("command line");
            Console.WriteLine(serving is { } v ? $"model {v} serves again" : "the base ranker serves");
            return 0;
        }
    }

    private static void Print(IReadOnlyList<ModelRecord> models)
    {
        Console.WriteLine($"{"version",7}  {"status",-9}  {"created (UTC)",-16}  {"outcomes",8}  {"groups",6}  {"holdout",7}  {"base",6}  {"model",6}  {"serving",7}  reason");
        foreach (var m in models)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Version,7}  {m.Status.ToString().ToLowerInvariant(),-9}  {m.CreatedAt.UtcDateTime,-16:yyyy-MM-dd HH:mm}  {m.Outcomes,8}  {m.TrainingGroups,6}  {m.HoldoutGroups,7}  {Figure(m.BaseNdcg),6}  {Figure(m.ModelNdcg),6}  {Figure(m.ServingNdcg),7}  {m.Reason}"));
    }

    private static string Figure(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
