using System.Text.Json;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Societies;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Imports;

/// <summary>Fills an empty database with the demo data set in <c>data/</c> (societies, experts, enterprises, problems).</summary>
public static class DemoData
{
    /// <summary>Imports the demo files when there are no experts yet; returns the reports, or null when nothing was done.</summary>
    public static IReadOnlyDictionary<string, ImportReport>? SeedIfEmpty(string folder, Importer importer, ExpertStore experts, SocietyStore societies)
    {
        if (experts.Count() > 0) return null;
        if (!File.Exists(Path.Combine(folder, "experts.jsonl")))
            throw new FileNotFoundException($"Demo data not found in {folder}; set Matchmaker:DataPath or Matchmaker:SeedDemoData=false.");

        var societiesFile = Path.Combine(folder, "societies.jsonl");
        if (File.Exists(societiesFile))
        {
            societies.Upsert(File.ReadLines(societiesFile).Where(l => !string.IsNullOrWhiteSpace(l))
                .Select(l => JsonSerializer.Deserialize<Society>(l, MatchmakerJson.Options)!).ToList());
        }
        return new Dictionary<string, ImportReport>
        {
            ["experts"] = importer.Experts(File.ReadAllBytes(Path.Combine(folder, "experts.jsonl"))),
            ["enterprises"] = importer.Enterprises(Tenants.Default, File.ReadAllBytes(Path.Combine(folder, "enterprises.jsonl"))),
            ["problems"] = importer.Problems(Tenants.Default, File.ReadAllBytes(Path.Combine(folder, "problems.jsonl"))),
        };
    }
}
