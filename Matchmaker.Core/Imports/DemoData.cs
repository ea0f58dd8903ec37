using System.Data.Common;
using System.Text.Json;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Societies;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Imports;

/// <summary>
/// Fills an empty database with the demo data set in <c>data/</c> (societies, experts, enterprises, problems) and,
/// when given, its year of match history (<c>matches.jsonl</c>), so that reports and the learned ranker have outcomes
/// to read from the first start.
/// </summary>
public static class DemoData
{
    /// <summary>
    /// Imports the demo files within <paramref name="transaction"/> when there are no experts yet (the matches only
    /// with a <paramref name="history"/>); returns the reports, or null when nothing was done.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, ImportReport>?> SeedIfEmptyAsync(
        string folder, Importer importer, ExpertStore experts, SocietyStore societies, DbTransaction transaction, MatchHistory? history = null)
    {
        if (await experts.CountAsync(transaction) > 0) return null;
        if (!File.Exists(Path.Combine(folder, "experts.jsonl")))
            throw new FileNotFoundException($"Demo data not found in {folder}; set Matchmaker:DataPath or Matchmaker:SeedDemoData=false.");

        var societiesFile = Path.Combine(folder, "societies.jsonl");
        if (File.Exists(societiesFile))
        {
            await societies.UpsertAsync(File.ReadLines(societiesFile).Where(l => !string.IsNullOrWhiteSpace(l))
                .Select(l => JsonSerializer.Deserialize<Society>(l, MatchmakerJson.Options)!).ToList(), transaction);
        }
        var reports = new Dictionary<string, ImportReport>
        {
            ["experts"] = await importer.ExpertsAsync(File.ReadAllBytes(Path.Combine(folder, "experts.jsonl")), transaction),
            ["enterprises"] = await importer.EnterprisesAsync(Tenants.Default, File.ReadAllBytes(Path.Combine(folder, "enterprises.jsonl")), transaction),
            ["problems"] = await importer.ProblemsAsync(Tenants.Default, File.ReadAllBytes(Path.Combine(folder, "problems.jsonl")), transaction),
        };
        var matchesFile = Path.Combine(folder, "matches.jsonl");
        if (history is not null && File.Exists(matchesFile))
            reports["matches"] = await history.ImportAsync(Tenants.Default, File.ReadAllBytes(matchesFile), transaction);
        return reports;
    }
}
