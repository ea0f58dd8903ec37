namespace Matchmaker.Tests.Api;

/// <summary>Each test gets a started API over an empty SQLite file of its own (NUnit runs this set-up first).</summary>
public abstract class FreshApiTest
{
    protected MatchmakerFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public async Task StartFreshApi()
    {
        Factory = new MatchmakerFactory();
        Client = await Factory.StartAsync();
    }

    [TearDown]
    public void StopFreshApi() => Factory.Dispose();
}
