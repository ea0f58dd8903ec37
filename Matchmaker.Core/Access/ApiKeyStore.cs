using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Access;

/// <summary>
/// SQL for API keys, and the check of a presented key. Verified keys are remembered for a few seconds so that a
/// busy portal does not cost a query per request; a revocation through this store takes effect at once, one through
/// another instance within <see cref="CacheFor"/>.
/// </summary>
public sealed class ApiKeyStore(Database database, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private const string Columns = "id, role, partner_id, name, created_at, revoked_at";
    private readonly ConcurrentDictionary<string, (ApiKey Key, byte[] Hash, DateTimeOffset Until)> _recent = new(StringComparer.Ordinal);

    public CreatedApiKey Create(NewApiKey request)
    {
        var (id, key) = ApiKeyFormat.Generate();
        var createdAt = clock.GetUtcNow();
        using var connection = database.Open();
        connection.Execute("""
            INSERT INTO api_keys (id, key_hash, role, partner_id, name, created_at)
            VALUES (@id, @hash, @role, @PartnerId, @Name, @createdAt)
            """,
            new
            {
                id, hash = Convert.ToHexStringLower(ApiKeyFormat.Hash(key)), role = EnumColumn.Write(request.Role),
                request.PartnerId, request.Name, createdAt = createdAt.ToString("O"),
            });
        return new CreatedApiKey(id, request.Role, request.PartnerId, request.Name, createdAt, key);
    }

    public IReadOnlyList<ApiKey> List()
    {
        using var connection = database.Open();
        return connection.Query<Row>($"SELECT {Columns}, key_hash FROM api_keys ORDER BY created_at, id").Select(r => r.ToApiKey()).ToList();
    }

    /// <summary>Revokes a key (again, if it already was). False when there is no such key.</summary>
    public bool Revoke(string id)
    {
        using var connection = database.Open();
        var found = connection.Execute(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id",
            new { id, now = clock.GetUtcNow().ToString("O") }) > 0;
        _recent.TryRemove(id, out _);
        return found;
    }

    /// <summary>The live key that <paramref name="presented"/> is, or null (unknown, malformed or revoked).</summary>
    public ApiKey? Authenticate(string presented)
    {
        if (ApiKeyFormat.IdOf(presented) is not { } id) return null;
        var now = clock.GetUtcNow();
        if (!_recent.TryGetValue(id, out var cached) || cached.Until < now)
        {
            using var connection = database.Open();
            var row = connection.QuerySingleOrDefault<Row>($"SELECT {Columns}, key_hash FROM api_keys WHERE id = @id", new { id });
            if (row is null) return null;
            // Parsed once per lookup, not per request.
            cached = (row.ToApiKey(), Convert.FromHexString(row.KeyHash), now + CacheFor);
            _recent[id] = cached;
        }
        var (key, hash, _) = cached;
        if (key.RevokedAt is not null) return null;
        return ApiKeyFormat.SameHash(ApiKeyFormat.Hash(presented), hash) ? key : null;
    }

    private sealed record Row(string Id, string Role, string? PartnerId, string Name, string CreatedAt, string? RevokedAt, string KeyHash)
    {
        public ApiKey ToApiKey() => new(Id, EnumColumn.Read<Role>(Role), PartnerId, Name, DateTimeOffset.Parse(CreatedAt, CultureInfo.InvariantCulture),
            RevokedAt is null ? null : DateTimeOffset.Parse(RevokedAt, CultureInfo.InvariantCulture));
    }
}
