using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Access;

/// <summary>What a key may do: see <c>README.md</c>, "Keys and roles", for the table of endpoints.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    /// <summary>A partner portal: its own enterprises, problems and matches; experts read-only.</summary>
    [JsonStringEnumMemberName(RoleNames.Partner)] Partner,

    /// <summary>The association's staff: everything, including experts and keys.</summary>
    [JsonStringEnumMemberName(RoleNames.Staff)] Staff,

    /// <summary>Reports and read-only access to the records.</summary>
    [JsonStringEnumMemberName(RoleNames.Analyst)] Analyst,
}

/// <summary>The names of the roles, as they appear in JSON, in the database and in the role claim.</summary>
public static class RoleNames
{
    public const string Partner = "partner";
    public const string Staff = "staff";
    public const string Analyst = "analyst";

    public static string Of(Role role) => role switch
    {
        Role.Partner => Partner,
        Role.Staff => Staff,
        Role.Analyst => Analyst,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

/// <summary>An API key as listed: never the key itself, which only its creator sees once.</summary>
public sealed record ApiKey(string Id, Role Role, string? PartnerId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just created: <c>key</c> is the secret to hand to the client; it is not stored and never shown again.</summary>
public sealed record CreatedApiKey(string Id, Role Role, string? PartnerId, string Name, DateTimeOffset CreatedAt, string Key);

/// <summary>The body of a request for a new key.</summary>
public sealed record NewApiKey(Role Role, string Name, string? PartnerId = null)
{
    public Errors Validate()
    {
        var errors = new Errors();
        if (!Enum.IsDefined(Role)) errors.Add("role", "must be partner, staff or analyst");
        errors.Required("name", Name);
        errors.MaxLength("name", Name, 200);
        if (Role == Role.Partner) errors.Id("partnerId", PartnerId);
        else if (PartnerId is not null) errors.Add("partnerId", "is only for partner keys");
        return errors;
    }
}

/// <summary>
/// The shape of a key: <c>mmk_</c>, a public id of 12 hex digits, <c>_</c>, and 32 random bytes in base64url.
/// Keys are random and long, so a plain SHA-256 is enough to store them (a slow password hash protects guessable
/// secrets, and these are not guessable); the id lets a lookup find the one row to compare.
/// </summary>
public static class ApiKeyFormat
{
    private const string Prefix = "mmk_";

    public static (string Id, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The public id of a well-formed key, or null.</summary>
    public static string? IdOf(string key)
    {
        if (key.Length != Prefix.Length + 12 + 1 + 43 || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + 12] != '_')
            return null;
        var id = key.Substring(Prefix.Length, 12);
        return id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Compares two hashes in time that does not depend on where they differ.</summary>
    public static bool SameHash(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);
}
