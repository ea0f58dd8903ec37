using System.Globalization;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matchmaker.Api.Models;

/// <summary>
/// <c>Matchmaker.Api models ...</c>: staff train, list, promote and roll back learned models on the server's own
/// database, without a running server. Running servers serve a promotion or rollback within their poll interval.
/// </summary>
internal static class ModelsCommand
{
    private const string Usage = """
        usage: models train [--no-promote]   train from the recorded outcomes; promote the model if it beats the serving one
               models list                   every model with its holdout figures and status
               models promote <version>      promote a candidate (it must have beaten the model serving now)
               models rollback               serve the model the promoted one replaced (or the base ranker)
        Options as for the server, in the form --Key=value, e.g. --ConnectionStrings:Matchmaker="Data Source=/path/matchmaker.db"
        """;

    public static bool Matches(string[] args) => args is ["models", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var words = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) || a == "--no-promote").Skip(1).ToArray();
        var builder = WebApplication.CreateBuilder(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--no-promote").ToArray());
        var database = MatchmakerHosting.CreateDatabase(builder);
        await database.MigrateAsync();
        var models = new ModelStore(database, TimeProvider.System);
        try
        {
            switch (words)
            {
                case ["list"]:
                    Print(await models.ListAsync());
                    return 0;
                case ["train", .. var rest] when rest is [] or ["--no-promote"]:
                    var version = await models.StartAsync("command line");
                    Console.Error.WriteLine($"training model {version} …");
                    var training = new ModelTraining(new MatchStore(database, TimeProvider.System), models, NullLogger<ModelTraining>.Instance);
                    var status = await training.RunAsync(version, promote: rest is []);
                    Print([(await models.FindAsync(version))!]);
                    return status is ModelStatus.Failed ? 1 : 0;
                case ["promote", var text] when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                    if (await models.PromoteAsync(number) is not { } promoted)
                    {
                        Console.Error.WriteLine($"no model {number}");
                        return 1;
                    }
                    Print([promoted]);
                    return 0;
                case ["rollback"]:
                    var serving = await models.RollbackAsync("command line");
                    Console.WriteLine(serving is { } v ? $"model {v} serves again" : "the base ranker serves");
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ConflictException conflict)
        {
            Console.Error.WriteLine(conflict.Message);
            return 1;
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
