using Matchmaker.Core.Experts;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Reports;
using Matchmaker.Tests.Storage;

namespace Matchmaker.Tests.Reports;

/// <summary>The export's days are China's: two matches a second apart, either side of midnight in China, on a real database.</summary>
public class MatchExportStoreTests
{
    // Each case: the days asked for, and which of the two matches (proposed at 23:59:59 on March 31 and at midnight on
    // April 1, China time; both still March 31 in UTC) they keep.
    [TestCase(null, "2026-03-31", "late", TestName = "A_range_ending_on_March_31_keeps_its_last_second_in_China")]
    [TestCase("2026-04-01", null, "midnight", TestName = "A_range_from_April_1_starts_at_midnight_in_China_though_it_is_March_in_UTC")]
    [TestCase("2026-03-31", "2026-04-01", "late,midnight", TestName = "Both_ends_are_included")]
    public async Task Days_are_China_days_with_both_ends_included(string? from, string? to, string expected)
    {
        using var test = new TestDatabase();
        var database = test.Open();
        await database.MigrateAsync();
        await new ExpertStore(database).UpsertAsync([new Expert { Id = "E-1", Name = "陈立新" }]);
        await new ProblemStore(database).UpsertAsync("default", [new Problem { Id = "P-late" }, new Problem { Id = "P-midnight" }]);
        var clock = new TestClock(DateTimeOffset.Parse("2026-03-31T15:59:59Z", System.Globalization.CultureInfo.InvariantCulture));
        var matches = new MatchStore(database, clock);
        await matches.CreateAsync("default", "P-late", "E-1", 0.5);
        clock.Now += TimeSpan.FromSeconds(1);
        await matches.CreateAsync("default", "P-midnight", "E-1", 0.5);
        var filter = new MatchExportFilter { From = Day(from), To = Day(to) };

        var rows = new List<MatchExportRow>();
        await foreach (var row in new MatchExportStore(database).RowsAsync(filter)) rows.Add(row);

        Assert.That(string.Join(",", rows.Select(r => r.ProblemId[2..])), Is.EqualTo(expected));
    }

    private static DateOnly? Day(string? text) => text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
