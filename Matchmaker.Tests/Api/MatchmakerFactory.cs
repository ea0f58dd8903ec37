using System.Net.Http.Json;
using System.Text;
using Matchmaker.Core.Storage;
using Matchmaker.Tests.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Matchmaker.Tests.Api;

/// <summary>
/// The real API over a real database of its own (<see cref="TestDatabase"/>: a SQLite file, or a SQL Server database
/// when <c>MATCHMAKER_TEST_SQLSERVER</c> is set; deleted afterwards), optionally seeded with the demo data.
/// Its clients carry the bootstrap staff key unless a test asks for another key; the rate limit is out of the way
/// unless a test sets <c>Limits:RequestsPerMinute</c> in <paramref name="settings"/>. Every answer is recorded in
/// <see cref="ObservedAnswers"/>.
/// </summary>
/// <remarks>Given a <paramref name="database"/>, several servers share it (several instances on one database) and the
/// caller deletes it.</remarks>
public sealed class MatchmakerFactory(bool seedDemoData = false, IReadOnlyDictionary<string, string>? settings = null, TestDatabase? database = null)
    : WebApplicationFactory<Program>
{
    public const string StaffKey = "test-bootstrap-staff-key-0123456789";

    public TestDatabase TestDatabase { get; } = database ?? new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", TestDatabase.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Matchmaker", TestDatabase.ConnectionString);
        builder.UseSetting("Matchmaker:SeedDemoData", seedDemoData ? "true" : "false");
        builder.UseSetting("Matchmaker:RefitDelaySeconds", "0.2");
        builder.UseSetting("Auth:BootstrapKey", StaffKey);
        builder.UseSetting("Limits:RequestsPerMinute", "10000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ObservedAnswers.Recorder(Source)));
    }

    /// <summary>The test fixture that made this server, under which its answers are recorded (<see cref="ObservedAnswers"/>).</summary>
    public string Source { get; } = TestContext.CurrentContext.Test.ClassName ?? "unknown";

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", StaffKey);
    }

    /// <summary>
    /// A client with the staff key whose expert imports return once the ranking index has settled: an import is
    /// ranked at once, but the words it brings arrive with the background refit, and the tests rank right after
    /// their imports. (A single PUT is not waited for: that it is ranked at once is tested.)
    /// </summary>
    public new HttpClient CreateClient() => CreateDefaultClient(new SettleAfterImports()); // ConfigureClient runs within

    private sealed class SettleAfterImports : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath != "/api/v1/experts/import" || !response.IsSuccessStatusCode)
                return response;
            for (var attempt = 0; attempt < 600; attempt++)
            {
                using var health = await base.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri, "/health")), cancellationToken);
                if ((await health.Content.ReadAsStringAsync(cancellationToken)).Contains("\"rankingSettled\":true", StringComparison.Ordinal)) break;
                await Task.Delay(50, cancellationToken);
            }
            return response;
        }
    }

    /// <summary>A client that sends <paramref name="key"/> (none when null) instead of the staff key.</summary>
    public HttpClient ClientWith(string? key, string? partnerHeader = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        if (partnerHeader is not null) client.DefaultRequestHeaders.Add("X-Partner-Id", partnerHeader);
        return client;
    }

    /// <summary>A client for a started server whose ranking index is ready.</summary>
    public async Task<HttpClient> StartAsync()
    {
        var client = CreateClient();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if ((await client.GetAsync("/health")).IsSuccessStatusCode) return client;
            await Task.Delay(100);
        }
        throw new TimeoutException("The ranking index was not ready within 60 s.");
    }

    /// <summary>Creates a key through the API with the staff client and returns the key itself.</summary>
    public async Task<string> CreateKeyAsync(string role, string? partnerId = null, string name = "test")
    {
        using var staff = CreateClient();
        var response = await staff.PostAsJsonAsync("/api/v1/keys", new { role, partnerId, name });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("key").GetString()!;
    }

    public Database Database => TestDatabase.Open();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (database is null) TestDatabase.Dispose();
    }
}

internal static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostLinesAsync(this HttpClient client, string url, params string[] lines) =>
        client.PostAsync(url, new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson"));

    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(MatchmakerJson.Options))!;

    public static async Task<System.Text.Json.JsonElement> JsonAsync(this HttpResponseMessage response) =>
        System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
