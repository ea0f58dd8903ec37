using Matchmaker.Core.Storage;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Matching;

/// <summary>
/// The steps a match may take: <c>proposed → contacted → accepted | declined</c>, <c>accepted → visited → solved |
/// unsolved</c>, and <c>withdrawn</c> from any open state. Declined, solved, unsolved and withdrawn are final.
/// </summary>
public static class MatchLifecycle
{
    private static readonly Dictionary<MatchStatus, MatchStatus[]> Steps = new()
    {
        [MatchStatus.Proposed] = [MatchStatus.Contacted, MatchStatus.Withdrawn],
        [MatchStatus.Contacted] = [MatchStatus.Accepted, MatchStatus.Declined, MatchStatus.Withdrawn],
        [MatchStatus.Accepted] = [MatchStatus.Visited, MatchStatus.Withdrawn],
        [MatchStatus.Visited] = [MatchStatus.Solved, MatchStatus.Unsolved, MatchStatus.Withdrawn],
        [MatchStatus.Declined] = [],
        [MatchStatus.Solved] = [],
        [MatchStatus.Unsolved] = [],
        [MatchStatus.Withdrawn] = [],
    };

    /// <summary>The statuses a match in <paramref name="status"/> may move to next (none when it is final).</summary>
    public static IReadOnlyList<MatchStatus> AllowedAfter(MatchStatus status) => Steps[status];

    public static bool IsFinal(MatchStatus status) => Steps[status].Length == 0;

    /// <summary>
    /// Whether <paramref name="input"/> may be recorded on <paramref name="match"/>: the bad time as a field error
    /// (400), or a forbidden step as a <see cref="ConflictException"/> naming the current status and the allowed next
    /// ones (409).
    /// </summary>
    public static Errors Check(Match match, NewMatchEvent input)
    {
        if (!Steps[match.Status].Contains(input.Status)) throw Refused(match.Status, input.Status);
        var errors = new Errors();
        if (match.Events.Count > 0 && input.OccurredAt < match.Events[^1].OccurredAt)
            errors.Add("occurredAt", $"precedes the previous event ({match.Events[^1].Status}, {match.Events[^1].OccurredAt:O})");
        return errors;
    }

    internal static ConflictException Refused(MatchStatus current, MatchStatus next)
    {
        var allowed = Steps[current].Select(EnumColumn.Write).ToArray();
        var detail = allowed.Length == 0
            ? $"The match is {EnumColumn.Write(current)}, a final status: nothing can follow it."
            : $"The match is {EnumColumn.Write(current)}: it can move to {string.Join(", ", allowed)}, not {EnumColumn.Write(next)}.";
        return new ConflictException(detail, new Dictionary<string, object?> { ["currentStatus"] = EnumColumn.Write(current), ["allowed"] = allowed });
    }
}
