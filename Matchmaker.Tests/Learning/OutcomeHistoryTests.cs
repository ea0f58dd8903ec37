using Matchmaker.Core.Learning;
using Matchmaker.Core.Matching;

namespace Matchmaker.Tests.Learning;

public class OutcomeHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A match proposed on day `day` whose steps were recorded one day apart.
    private static PastMatch Match(int day, string? industry, params MatchStatus[] steps) => new(
        $"M-{day}", $"P-{day}", "E-1", industry, 3, Start.AddDays(day),
        steps.Select((s, i) => new MatchEvent(i, s, Start.AddDays(day + i + 1), Start.AddDays(day + i + 1), null, null, null, null, null, null, null, null)).ToList());

    // Each case: how a match ended, and the grade it teaches.
    [TestCase(new[] { MatchStatus.Contacted, MatchStatus.Accepted, MatchStatus.Visited, MatchStatus.Solved }, 4, TestName = "Solved_is_the_best_grade")]
    [TestCase(new[] { MatchStatus.Contacted, MatchStatus.Accepted, MatchStatus.Visited, MatchStatus.Unsolved }, 3, TestName = "Unsolved_counts_as_far_as_the_visit")]
    [TestCase(new[] { MatchStatus.Contacted, MatchStatus.Declined }, 0, TestName = "Declined_is_the_worst_grade")]
    [TestCase(new[] { MatchStatus.Contacted, MatchStatus.Accepted, MatchStatus.Withdrawn }, 2, TestName = "Withdrawn_counts_as_far_as_it_got")]
    [TestCase(new[] { MatchStatus.Withdrawn }, null, TestName = "Withdrawn_before_any_contact_teaches_nothing")]
    [TestCase(new[] { MatchStatus.Contacted, MatchStatus.Accepted }, null, TestName = "An_open_match_teaches_nothing_yet")]
    public void Grades_finished_matches_by_how_far_they_got(MatchStatus[] steps, int? grade) =>
        Assert.That(OutcomeHistory.Grade(Match(0, null, steps)), Is.EqualTo(grade));

    [Test]
    public void History_features_see_only_what_was_recorded_before_the_proposal()
    {
        var history = new[]
        {
            Match(0, "家纺", MatchStatus.Contacted, MatchStatus.Accepted, MatchStatus.Visited, MatchStatus.Solved), // done by day 4
            Match(10, "梨产业", MatchStatus.Contacted, MatchStatus.Declined), // done by day 12
            Match(20, "家纺", MatchStatus.Contacted, MatchStatus.Accepted, MatchStatus.Visited, MatchStatus.Solved), // done by day 24
        };

        var onDay15 = OutcomeHistory.Features(history, "家纺", capacity: 3, Start.AddDays(15));
        var onDay22 = OutcomeHistory.Features(history, "家纺", capacity: 3, Start.AddDays(22));

        // By day 15: 2 contacts, 1 accepted, 1 visit solved; in 家纺 1 of 1 and 1 of 1. Smoothed with 2 prior matches.
        Assert.That(onDay15[0], Is.EqualTo((1 + 1.0) / (2 + 2)).Within(1e-9), "acceptance overall");
        Assert.That(onDay15[1], Is.EqualTo((1 + 0.6) / (1 + 2)).Within(1e-9), "solved visits overall");
        Assert.That(onDay15[2], Is.EqualTo((1 + 1.0) / (1 + 2)).Within(1e-9), "acceptance in the industry");
        Assert.That(onDay15[4], Is.EqualTo(0), "nothing open on day 15");
        Assert.That(onDay15[5], Is.EqualTo((15 - 2) / 365.0).Within(1e-9), "accepted on day 2");
        // On day 22 the third match is open (accepted on day 22, not yet solved): one open of capacity 3.
        Assert.That(onDay22[4], Is.EqualTo(1 / 3.0).Within(1e-9));
        Assert.That(onDay22[1], Is.EqualTo(onDay15[1]), "its outcome is not known yet");
    }
}
