using System.Collections.Concurrent;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Access;

/// <summary>
/// SQL for API keys, and the check of a presented key. Verified keys are remembered for <see cref="CacheFor"/> so
/// that a busy portal does not cost a query per request: a revocation through this store takes effect at once, one
/// through another instance within that time (<c>Auth:KeyCacheSeconds</c>, 10 s by default).
/// </summary>
public sealed class ApiKeyStore(Database database, TimeProvider clock, TimeSpan? cacheFor = null)
{
    public static readonly TimeSpan DefaultCacheFor = TimeSpan.FromSeconds(10);

    private const string Columns = "id, role, partner_id, name, created_at, revoked_at, key_hash";

    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Create => """
            INSERT INTO api_keys (id, key_hash, role, partner_id, name, created_at)
            VALUES (@id, @hash, @role, @PartnerId, @Name, @createdAt)
            """;

        public string List => $"SELECT {Columns} FROM api_keys ORDER BY created_at, id";
        public string Find => $"SELECT {Columns} FROM api_keys WHERE id = @id";
        public string Revoke => "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id";
    }

    private readonly Sql _sql = new(database.Dialect);
    private readonly ConcurrentDictionary<string, (ApiKey Key, byte[] Hash, DateTimeOffset Until)> _recent = new(StringComparer.Ordinal);

    /// <summary>How long a verified key is trusted without reading it again.</summary>
    public TimeSpan CacheFor { get; } = cacheFor ?? DefaultCacheFor;

    public async Task<CreatedApiKey> CreateAsync(NewApiKey request, System.Data.Common.DbTransaction? transaction = null)
    {
        var (id, key) = ApiKeyFormat.Generate();
        var createdAt = clock.GetUtcNow();
        await database.WriteAsync(transaction, (connection, tx) => connection.ExecuteAsync(_sql.Create, new
        {
            id, hash = Convert.ToHexStringLower(ApiKeyFormat.Hash(key)), role = EnumColumn.Write(request.Role),
            request.PartnerId, request.Name, createdAt = database.Time(createdAt),
        }, tx));
        return new CreatedApiKey(id, request.Role, request.PartnerId, request.Name, createdAt, key);
    }

    public Task<List<ApiKey>> ListAsync() => database.ReadAsync(async connection =>
        (await connection.QueryAsync<Row>(_sql.List)).Select(r => r.ToApiKey()).ToList());

    /// <summary>Revokes a key (again, if it already was). False when there is no such key.</summary>
    public async Task<bool> RevokeAsync(string id)
    {
        var found = await database.WriteAsync(null, (connection, tx) =>
            connection.ExecuteAsync(_sql.Revoke, new { id, now = database.Time(clock.GetUtcNow()) }, tx)) > 0;
        _recent.TryRemove(id, out _);
        return found;
    }

    /// <summary>The live key that <paramref name="presented"/> is, or null (unknown, malformed or revoked).</summary>
    public async ValueTask<ApiKey?> AuthenticateAsync(string presented)
    {
        if (ApiKeyFormat.IdOf(presented) is not { } id) return null;
        var now = clock.GetUtcNow();
        if (!_recent.TryGetValue(id, out var cached) || cached.Until < now)
        {
            var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(_sql.Find, new { id }));
            if (row is null) return null;
            // Parsed once per lookup, not per request.
            cached = (row.ToApiKey(), Convert.FromHexString(row.KeyHash), now + CacheFor);
            _recent[id] = cached;
        }
        var (key, hash, _) = cached;
        if (key.RevokedAt is not null) return null;
        return ApiKeyFormat.SameHash(ApiKeyFormat.Hash(presented), hash) ? key : null;
    }

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Role { get; init; } = "";
        public string? PartnerId { get; init; }
        public string Name { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public string KeyHash { get; init; } = "";

        public ApiKey ToApiKey() => new(Id, EnumColumn.Read<Role>(Role), PartnerId, Name, CreatedAt, RevokedAt);
    }
}
