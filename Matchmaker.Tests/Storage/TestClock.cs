namespace Matchmaker.Tests.Storage;

/// <summary>A clock the test moves: what the stores take for now, so that times can be set to the second.</summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
