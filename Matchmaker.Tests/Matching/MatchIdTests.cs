using Matchmaker.Core.Matching;

namespace Matchmaker.Tests.Matching;

/// <summary>Match ids sort in the order the matches were made: the match export lists them by id.</summary>
public class MatchIdTests
{
    [Test]
    public void Ids_made_in_the_same_millisecond_still_increase()
    {
        var time = new DateTimeOffset(2026, 12, 4, 9, 30, 0, 123, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 1_000).Select(_ => MatchStore.NewId(time)).ToList();

        Assert.That(ids, Is.Ordered.Using<string>(StringComparer.Ordinal));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Count));
    }

    [Test]
    public void A_clock_gone_back_does_not_make_an_earlier_id()
    {
        var later = MatchStore.NewId(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        var earlier = MatchStore.NewId(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

        Assert.That(string.CompareOrdinal(earlier, later), Is.GreaterThan(0));
    }

    [Test]
    public void An_id_is_a_version_7_guid_of_its_time_as_before()
    {
        var time = DateTimeOffset.UtcNow;
        var id = MatchStore.NewId(time);

        Assert.That(id, Does.Match("^M-[0-9a-f]{32}$"));
        var guid = Guid.ParseExact(id[2..], "N");
        Assert.That(guid.Version, Is.EqualTo(7));
        // The first 48 bits are the milliseconds: the time's own, or a later one's when an id of a later time was made before.
        Assert.That(Convert.ToInt64(id[2..14], 16), Is.GreaterThanOrEqualTo(time.ToUnixTimeMilliseconds()));
    }
}
