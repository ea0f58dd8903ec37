using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Access;

public class ApiKeyTests
{
    private static MatchmakerFactory _factory = null!;
    private static HttpClient _staff = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory();
        _staff = await _factory.StartAsync();
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    // Each case: a header a client might send that is not a valid key.
    [TestCase(null, TestName = "Answers_401_without_a_key")]
    [TestCase("", TestName = "Answers_401_for_an_empty_key")]
    [TestCase("test-bootstrap-staff-key-012345678", TestName = "Answers_401_for_the_bootstrap_key_less_one_character")]
    [TestCase("mmk_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", TestName = "Answers_401_for_a_well_formed_unknown_key")]
    public async Task Refuses_requests_without_a_valid_key(string? key)
    {
        var response = await _factory.ClientWith(key).GetAsync("/api/v1/experts");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("X-Api-Key"));
    }

    [Test]
    public async Task Stores_only_a_hash_of_each_key_and_never_lists_the_key()
    {
        var created = await (await _staff.PostAsJsonAsync("/api/v1/keys", new { role = "partner", partnerId = "yuhang", name = "余杭门户" })).JsonAsync();
        var key = created.GetProperty("key").GetString()!;

        using var connection = _factory.Database.Open();
        var stored = connection.QuerySingle<string>("SELECT key_hash FROM api_keys WHERE id = @id", new { id = created.GetProperty("id").GetString() });
        var everything = string.Join("|", connection.Query<(string, string, string, string)>("SELECT id, role, name, key_hash FROM api_keys"));
        var listing = await (await _staff.GetAsync("/api/v1/keys")).Content.ReadAsStringAsync();

        Assert.That(stored, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))));
        Assert.That(everything, Does.Not.Contain(key[^20..]));
        Assert.That(listing, Does.Contain("余杭门户").And.Not.Contain(key[^20..]).And.Not.Contain(stored));
    }

    [Test]
    public async Task A_revoked_key_is_refused_from_the_next_request()
    {
        var created = await (await _staff.PostAsJsonAsync("/api/v1/keys", new { role = "analyst", name = "临时" })).JsonAsync();
        var client = _factory.ClientWith(created.GetProperty("key").GetString());
        var before = await client.GetAsync("/api/v1/experts");

        var revoked = await _staff.DeleteAsync($"/api/v1/keys/{created.GetProperty("id").GetString()}");
        var after = await client.GetAsync("/api/v1/experts");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await _staff.DeleteAsync("/api/v1/keys/000000000000")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Each_key_says_who_it_is()
    {
        var partner = _factory.ClientWith(await _factory.CreateKeyAsync("partner", "deqing"));

        var own = await (await partner.GetAsync("/api/v1/keys/current")).JsonAsync();
        var bootstrap = await (await _staff.GetAsync("/api/v1/keys/current")).JsonAsync();

        Assert.That(own.GetProperty("role").GetString(), Is.EqualTo("partner"));
        Assert.That(own.GetProperty("actsFor").GetString(), Is.EqualTo("deqing"));
        Assert.That(bootstrap.GetProperty("id").GetString(), Is.EqualTo("bootstrap"));
        Assert.That(bootstrap.GetProperty("role").GetString(), Is.EqualTo("staff"));
    }

    // Each case: a key request that must be refused, and the field the answer names.
    [TestCase("""{"role":"partner","name":"x"}""", "partnerId", TestName = "A_partner_key_needs_a_partner")]
    [TestCase("""{"role":"staff","name":"x","partnerId":"p"}""", "partnerId", TestName = "A_staff_key_has_no_partner")]
    [TestCase("""{"role":"root","name":"x"}""", "role", TestName = "An_unknown_role_is_refused")]
    [TestCase("""{"role":"analyst","name":""}""", "name", TestName = "A_key_needs_a_name")]
    public async Task Refuses_bad_key_requests(string body, string field)
    {
        var response = await _staff.PostJsonTextAsync("/api/v1/keys", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain(field));
    }

    [Test]
    public async Task The_command_line_creates_lists_and_revokes_keys_the_server_accepts()
    {
        var database = _factory.TestDatabase.CommandLine;

        var (created, key) = Run(["keys", "create", "partner", "linping", "临平门户", .. database]);
        var partner = _factory.ClientWith(key.Trim());
        var accepted = await partner.GetAsync("/api/v1/keys/current");
        var (_, listing) = Run(["keys", "list", .. database]);
        var id = (await accepted.JsonAsync()).GetProperty("id").GetString()!;
        var (revoked, _) = Run(["keys", "revoke", id, .. database]);
        var (_, afterRevoke) = Run(["keys", "list", .. database]);
        var (usage, _) = Run(["keys", "frobnicate", .. database]);

        Assert.That(created, Is.EqualTo(0));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(listing, Does.Contain(id).And.Contain("linping").And.Contain("临平门户").And.Not.Contain(key.Trim()));
        Assert.That(revoked, Is.EqualTo(0));
        Assert.That(afterRevoke.Split('\n').Single(line => line.StartsWith(id, StringComparison.Ordinal)), Does.Contain("revoked"));
        Assert.That(usage, Is.EqualTo(2));
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var (code, output, _) = CommandLine.Run(args);
        return (code, output);
    }
}
