using System.Data.Common;
using Dapper;

namespace Matchmaker.Core.Storage;

/// <summary>The first answer to a request sent with an <c>Idempotency-Key</c>, as it was sent.</summary>
public sealed record StoredAnswer(string RequestHash, int Status, string? ContentType, string? Location, byte[] Body);

/// <summary>
/// SQL for idempotency keys. <see cref="ClaimAsync"/> takes the key within the request's transaction before it
/// writes anything: a second request with the same key waits for that transaction (the row's lock) and then finds
/// the first one's answer; <see cref="CompleteAsync"/> stores the answer in the same transaction, so that the answer
/// and the writes it reports commit together or not at all.
/// </summary>
public sealed class IdempotencyStore(Database database, TimeProvider clock)
{
    /// <summary>Answers are kept at least this long (deleted by <see cref="ForgetOldAsync"/> after twice as long).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string Claim => """
            INSERT INTO idempotency_keys (api_key_id, idempotency_key, request_hash, status, body, created_at)
            VALUES (@apiKeyId, @key, @hash, 0, @empty, @now)
            """;

        public string Complete => """
            UPDATE idempotency_keys SET status = @Status, content_type = @ContentType, location = @Location, body = @Body
            WHERE api_key_id = @apiKeyId AND idempotency_key = @key
            """;

        public string Find => """
            SELECT request_hash, status, content_type, location, body FROM idempotency_keys
            WHERE api_key_id = @apiKeyId AND idempotency_key = @key
            """;

        public string ForgetOld => "DELETE FROM idempotency_keys WHERE created_at < @before";
    }

    private readonly Sql _sql = new(database.Dialect);

    /// <summary>
    /// Takes the key for this request within <paramref name="transaction"/> (null), or gives the answer of the
    /// request that took it first (the caller then rolls back and answers with it, or refuses another body).
    /// </summary>
    public async Task<StoredAnswer?> ClaimAsync(DbTransaction transaction, string apiKeyId, string key, string hash)
    {
        try
        {
            await transaction.Connection!.ExecuteAsync(_sql.Claim,
                new { apiKeyId, key, hash, empty = Array.Empty<byte>(), now = database.Time(clock.GetUtcNow()) }, transaction);
            return null;
        }
        catch (DbException)
        {
            // The primary key refused it: the key was taken, and the insert waited until that answer committed.
            if (await FindAsync(apiKeyId, key) is { } first) return first;
            throw;
        }
    }

    public Task CompleteAsync(DbTransaction transaction, string apiKeyId, string key, StoredAnswer answer) =>
        transaction.Connection!.ExecuteAsync(_sql.Complete,
            new { apiKeyId, key, answer.Status, answer.ContentType, answer.Location, answer.Body }, transaction);

    private Task<StoredAnswer?> FindAsync(string apiKeyId, string key) => database.ReadAsync(async connection =>
        (await connection.QuerySingleOrDefaultAsync<Row>(_sql.Find, new { apiKeyId, key }))?.ToAnswer());

    /// <summary>Deletes answers older than twice <see cref="KeptFor"/>.</summary>
    public Task<int> ForgetOldAsync() => database.WriteAsync(null, (connection, tx) =>
        connection.ExecuteAsync(_sql.ForgetOld, new { before = database.Time(clock.GetUtcNow() - 2 * KeptFor) }, tx));

    private sealed class Row
    {
        public string RequestHash { get; init; } = "";
        public int Status { get; init; }
        public string? ContentType { get; init; }
        public string? Location { get; init; }
        public byte[] Body { get; init; } = [];

        public StoredAnswer ToAnswer() => new(RequestHash, Status, ContentType, Location, Body);
    }
}
