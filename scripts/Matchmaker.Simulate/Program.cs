// Usage: dotnet run -c Release --project scripts/Matchmaker.Simulate [-- --preference both|province|experts --seed 7 --share 1 --keep FILE]
// (--keep FILE, with one preference: keeps the world's SQLite database there, to start the API on it)
// A year of outcomes on the demo data through the API, a model trained from them, and NDCG@10 of the base ranker and
// of the learned model on the problems posted after the year, graded by the hidden preference.
//
//        dotnet run -c Release --project scripts/Matchmaker.Simulate -- history [--data data --seed 20261130]
// The demo data's own year of match history: writes data/matches.jsonl and the problems' statuses (see DemoHistory).
using System.Globalization;
using System.Text.Json;

namespace Matchmaker.Simulate;

// Not top-level statements: those would make a second Program beside the API's, which the host is built from.
internal static class Simulate
{
    private static async Task<int> Main(string[] args)
    {
        string Option(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        if (args is ["history", ..])
        {
            var data = Path.GetFullPath(Option("--data", "data"));
            Console.WriteLine($"The demo history over {data} …");
            var summary = await DemoHistory.WriteAsync(data, int.Parse(Option("--seed", "20261130"), CultureInfo.InvariantCulture), Console.WriteLine);
            Console.WriteLine(summary);
            return 0;
        }

        var which = Option("--preference", "both");
        HiddenPreference[] preferences = which switch
        {
            "province" => [HiddenPreference.ProvinceAndPatents],
            "experts" => [HiddenPreference.ExpertsDecline],
            "both" => [HiddenPreference.ProvinceAndPatents, HiddenPreference.ExpertsDecline],
            _ => throw new ArgumentException("--preference is both, province or experts"),
        };
        var seed = int.Parse(Option("--seed", "7"), CultureInfo.InvariantCulture);
        var share = double.Parse(Option("--share", "1"), CultureInfo.InvariantCulture);
        var keep = Option("--keep", "");
        if (keep.Length > 0 && preferences.Length > 1) throw new ArgumentException("--keep needs one --preference");

        var results = new List<SimulationResult>();
        foreach (var preference in preferences)
        {
            Console.WriteLine($"Simulating a year with the hidden preference {preference} (seed {seed}) …");
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await Simulation.RunAsync(new SimulationSettings
            {
                Preference = preference, Seed = seed, ProblemShare = share, Log = Console.WriteLine, KeepDatabase = keep.Length > 0 ? keep : null,
            });
            results.Add(result);
            var m = result.Model;
            string Figure(string name) => m.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("0.####", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"  {result.Problems} problems in the year: {result.Matches} matches, {result.Events} events; {result.HeldOut} problems held out after it ({started.Elapsed.TotalSeconds:F0} s)");
            Console.WriteLine($"  model {m.GetProperty("version")}: {m.GetProperty("status").GetString()}, {Figure("outcomes")} outcomes, trained on {Figure("trainingRows")} rows " +
                $"({Figure("trainingGroups")} problems) in {Figure("trainingSeconds")} s; its own holdout ({Figure("holdoutGroups")} problems): base {Figure("baseNdcg")}, model {Figure("modelNdcg")}");
            Console.WriteLine($"  reason: {m.GetProperty("reason").GetString()}");
        }
        Console.WriteLine();
        Console.WriteLine("hidden preference       held-out problems   base NDCG@10   learned NDCG@10   learned / base   served");
        foreach (var r in results)
            Console.WriteLine($"{r.Preference,-22}  {r.HeldOut,17}   {r.BaseNdcg,12:F4}   {r.LearnedNdcg,15:F4}   {r.Ratio,13:F3}×   {r.ServedModel}");
        return 0;
    }
}
