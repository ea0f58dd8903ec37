using Matchmaker.Core.Campaigns;

namespace Matchmaker.Tests.Campaigns;

public class ExpertLoadStoreTests
{
    [TestCase("2026-03-31T15:59:59Z", "2026-01-01T00:00:00+08:00", TestName = "The last second of March in China is still the first quarter")]
    [TestCase("2026-03-31T16:00:00Z", "2026-04-01T00:00:00+08:00", TestName = "Midnight of April 1st in China starts the second quarter, though it is still March in UTC")]
    [TestCase("2026-12-03T22:00:00Z", "2026-10-01T00:00:00+08:00", TestName = "December is in the fourth quarter")]
    [TestCase("2026-12-31T16:30:00Z", "2027-01-01T00:00:00+08:00", TestName = "New Year in China starts the next year's first quarter")]
    public void A_quarter_starts_at_midnight_in_China(string time, string expected) =>
        Assert.That(ExpertLoadStore.QuarterStart(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));

    [TestCase(3, 0, 3)]
    [TestCase(3, 2, 1)]
    [TestCase(3, 3, 0)]
    [TestCase(2, 5, 0)]
    public void Room_is_capacity_less_load_and_never_negative(int capacity, int load, int room) =>
        Assert.That(ExpertLoadStore.Room((capacity, load)), Is.EqualTo(room));
}
