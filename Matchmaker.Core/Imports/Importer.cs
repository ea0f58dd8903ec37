using System.Data.Common;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Imports;

/// <summary>
/// Upserts JSON Lines bodies by the caller's ids. Good lines are written in one transaction; bad ones come back in the
/// report with their line number and reason and change nothing. A caller with a transaction of its own (the demo data,
/// seeded once under the migration lock) passes it; otherwise each body is one transaction.
/// </summary>
public sealed class Importer(ExpertStore experts, EnterpriseStore enterprises, ProblemStore problems, ConflictStore conflicts)
{
    /// <summary>
    /// Experts, with the conflicts of interest a line declares with enterprises of <paramref name="tenant"/> (a line
    /// naming an enterprise the partner does not have is refused whole), in one transaction.
    /// </summary>
    public async Task<ImportReport> ExpertsAsync(ReadOnlyMemory<byte> body, DbTransaction? transaction = null, string tenant = Tenants.Default,
        string? recordedBy = null)
    {
        var (lines, errors, received) = JsonLines.Parse<Expert>(body, e => e.Validate(), e => e.Id);
        var named = lines.SelectMany(l => l.Item.Conflicts ?? []).Select(c => c.EnterpriseId).ToList();
        var known = named.Count == 0 ? [] : await enterprises.ExistingIdsAsync(tenant, named, transaction);
        var items = new List<Expert>();
        foreach (var line in lines)
        {
            if (line.Item.Conflicts?.FirstOrDefault(c => !known.Contains(c.EnterpriseId)) is { } unknown)
                errors.Add(new ImportError(line.Number, line.Item.Id, "conflicts",
                    $"enterprise '{unknown.EnterpriseId}' does not exist for partner '{tenant}'; import it first"));
            else
                items.Add(line.Item);
        }
        var existing = await experts.ExistingIdsAsync(items.Select(e => e.Id), transaction);
        await experts.UpsertAsync(items, transaction, async tx =>
        {
            foreach (var expert in items)
                foreach (var conflict in expert.Conflicts ?? [])
                    await conflicts.AddAsync(tenant, expert.Id, conflict, recordedBy, tx);
        });
        return Report(received, items.Select(e => e.Id), existing, errors);
    }

    public async Task<ImportReport> EnterprisesAsync(string tenant, ReadOnlyMemory<byte> body, DbTransaction? transaction = null)
    {
        var (lines, errors, received) = JsonLines.Parse<Enterprise>(body, e => e.Validate(), e => e.Id);
        var items = lines.Select(l => l.Item).ToList();
        var existing = await enterprises.ExistingIdsAsync(tenant, items.Select(e => e.Id), transaction);
        await enterprises.UpsertAsync(tenant, items, transaction);
        return Report(received, items.Select(e => e.Id), existing, errors);
    }

    public async Task<ImportReport> ProblemsAsync(string tenant, ReadOnlyMemory<byte> body, DbTransaction? transaction = null)
    {
        var (lines, errors, received) = JsonLines.Parse<Problem>(body, p => p.Validate(), p => p.Id);
        var known = await enterprises.ExistingIdsAsync(tenant, lines.Select(l => l.Item.EnterpriseId).OfType<string>(), transaction);
        var items = new List<Problem>();
        foreach (var line in lines)
        {
            if (line.Item.EnterpriseId is { } enterpriseId && !known.Contains(enterpriseId))
                errors.Add(new ImportError(line.Number, line.Item.Id, "enterpriseId", $"enterprise '{enterpriseId}' does not exist; import it first"));
            else
                items.Add(line.Item);
        }
        var existing = await problems.ExistingIdsAsync(tenant, items.Select(p => p.Id), transaction);
        await problems.UpsertAsync(tenant, items, transaction);
        return Report(received, items.Select(p => p.Id), existing, errors);
    }

    private static ImportReport Report(int received, IEnumerable<string> ids, IReadOnlySet<string> existing, List<ImportError> errors)
    {
        var seen = new HashSet<string>(existing, StringComparer.Ordinal);
        int created = 0, updated = 0;
        foreach (var id in ids)
        {
            if (seen.Add(id)) created++;
            else updated++;
        }
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ImportReport(received, created, updated, errors.Count, errors);
    }
}
