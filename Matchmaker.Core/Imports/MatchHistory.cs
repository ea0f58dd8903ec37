using System.Data.Common;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Storage;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Imports;

/// <summary>
/// One line of a match history (<c>data/matches.jsonl</c>): a match as it was proposed, with the affinity and the
/// ranker's features of the pair then, and the events that followed, each with its figures.
/// </summary>
public sealed record HistoricMatch
{
    public required string ProblemId { get; init; }
    public required string ExpertId { get; init; }
    public double? Score { get; init; }
    public MatchFeatures? Features { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<NewMatchEvent> Events { get; init; } = [];

    /// <summary>The ids, and the events as the API would take them one after another: allowed steps, none dated before the one before it.</summary>
    public Errors Validate()
    {
        var errors = new Errors();
        errors.Id("problemId", ProblemId);
        errors.Id("expertId", ExpertId);
        errors.Range("score", Score, 0, 1);
        var (status, previous) = (MatchStatus.Proposed, CreatedAt);
        for (var i = 0; i < Events.Count; i++)
        {
            var e = Events[i];
            foreach (var (field, reasons) in e.Validate(e.OccurredAt).ToDictionary())
                foreach (var reason in reasons) errors.Add($"events[{i}].{field}", reason);
            if (!MatchLifecycle.AllowedAfter(status).Contains(e.Status))
                errors.Add($"events[{i}].status", $"{EnumColumn.Write(e.Status)} may not follow {EnumColumn.Write(status)}");
            if (e.OccurredAt < previous) errors.Add($"events[{i}].occurredAt", "precedes the match or the event before it");
            (status, previous) = (e.Status, e.OccurredAt);
        }
        return errors;
    }
}

/// <summary>
/// Replays a match history into the database as it happened: each match is created, and each of its events recorded,
/// through <see cref="MatchStore"/> at its own time (its clock is set to it), so that the history reads as if the API
/// had recorded it then (what the quarterly loads, the outcome history of the learned ranker and the reports read).
/// Lines naming an unknown problem or expert, or a pair that is matched already, are refused with the reason.
/// </summary>
public sealed class MatchHistory(Database database, ProblemStore problems, ExpertStore experts)
{
    public async Task<ImportReport> ImportAsync(string tenant, ReadOnlyMemory<byte> body, DbTransaction transaction)
    {
        var (lines, errors, received) = JsonLines.Parse<HistoricMatch>(body, m => m.Validate(), m => $"{m.ProblemId}/{m.ExpertId}");
        var knownProblems = await problems.ExistingIdsAsync(tenant, lines.Select(l => l.Item.ProblemId), transaction);
        var knownExperts = await experts.ExistingIdsAsync(lines.Select(l => l.Item.ExpertId), transaction);
        var clock = new SetClock();
        var matches = new MatchStore(database, clock);
        var created = 0;
        foreach (var (number, line) in lines)
        {
            var id = $"{line.ProblemId}/{line.ExpertId}";
            if (!knownProblems.Contains(line.ProblemId))
                errors.Add(new ImportError(number, id, "problemId", $"problem '{line.ProblemId}' does not exist; import it first"));
            else if (!knownExperts.Contains(line.ExpertId))
                errors.Add(new ImportError(number, id, "expertId", $"expert '{line.ExpertId}' does not exist; import it first"));
            else if (await ReplayAsync(tenant, line, matches, clock, transaction))
                created++;
            else
                errors.Add(new ImportError(number, id, "expertId", "the expert is matched with the problem already"));
        }
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ImportReport(received, created, 0, errors.Count, errors);
    }

    private static async Task<bool> ReplayAsync(string tenant, HistoricMatch line, MatchStore matches, SetClock clock, DbTransaction transaction)
    {
        clock.Now = line.CreatedAt;
        var (match, created) = await matches.CreateAsync(tenant, line.ProblemId, line.ExpertId, line.Score, line.Features, transaction);
        if (!created) return false;
        var status = match.Status;
        foreach (var e in line.Events)
        {
            clock.Now = e.OccurredAt; // recorded when it happened
            await matches.AddEventAsync(tenant, match.Id, status, e, recordedBy: null, transaction);
            status = e.Status;
        }
        return true;
    }

    /// <summary>The time of the step being replayed.</summary>
    private sealed class SetClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
