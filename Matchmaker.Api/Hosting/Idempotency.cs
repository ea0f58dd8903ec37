using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Matchmaker.Api.Access;
using Matchmaker.Core.Storage;
using Microsoft.AspNetCore.Http.Metadata;

namespace Matchmaker.Api.Hosting;

/// <summary>
/// Marks an endpoint that honours <c>Idempotency-Key</c>. <paramref name="ForStorage"/>, when given, is what of an
/// answer may be stored (a created key's secret may not: it is kept only as a hash).
/// </summary>
internal sealed record Idempotent(Func<byte[], byte[]>? ForStorage = null);

/// <summary>The transaction an idempotent request's writes go into, with the answer that records them.</summary>
internal sealed record IdempotentWrite(DbTransaction Transaction);

/// <summary>
/// <c>Idempotency-Key</c> on the POSTs that create something (draft-ietf-httpapi-idempotency-key-header, as Stripe
/// behaves): the first request with a key runs in a transaction that also stores its answer; the same key with the
/// same body gets that answer again (status and body, with <c>Idempotent-Replayed: true</c>); with another body, 422.
/// Two requests racing with one key write once: the second waits for the first's transaction and replays its answer.
/// Keys belong to the caller's API key, and answers are kept at least 24 hours, in the database (they survive a
/// restart and hold across instances). Only successful answers are kept: a request refused (4xx) or failed (5xx)
/// wrote nothing, its transaction rolls back with the key, and a retry (corrected, perhaps) runs afresh.
/// </summary>
internal static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, Func<byte[], byte[]>? forStorage = null) =>
        builder.WithMetadata(new Idempotent(forStorage)).AddEndpointFilter(FilterAsync)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>The transaction to write in when the request came with an idempotency key, else null (the store's own).</summary>
    public static DbTransaction? IdempotentTransaction(this HttpContext context) => context.Features.Get<IdempotentWrite>()?.Transaction;

    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values)) return await next(invocation);
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxKeyLength } key || !key.All(c => c is >= '!' and <= '~'))
            return ApiResults.Invalid(Header, $"send one key of 1 to {MaxKeyLength} visible ASCII characters");
        var apiKeyId = http.KeyId() ?? "";
        var hash = RequestHash(invocation);

        var database = http.RequestServices.GetRequiredService<Database>();
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        await using var connection = await database.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        if (await store.ClaimAsync(transaction, apiKeyId, key, hash) is { } first)
        {
            await transaction.RollbackAsync();
            if (first.RequestHash != hash)
                return ApiResults.Invalid(Header, "was already used with another request; send a new key for a new request", StatusCodes.Status422UnprocessableEntity);
            return new Replay(first);
        }

        // The handler writes within this transaction; its answer is captured, stored with the writes, then sent.
        http.Features.Set(new IdempotentWrite(transaction));
        var result = await next(invocation);
        var answer = await CaptureAsync(http, result);
        if (answer.Status is < 200 or >= 300)
        {
            await transaction.RollbackAsync();
            return new Replay(answer, replayed: false);
        }
        var forStorage = http.GetEndpoint()?.Metadata.GetMetadata<Idempotent>()?.ForStorage;
        await store.CompleteAsync(transaction, apiKeyId, key, forStorage is null ? answer : answer with { Body = forStorage(answer.Body) });
        await transaction.CommitAsync();
        return new Replay(answer, replayed: false);
    }

    // The method, the route and the body as bound (so that the same JSON with other spacing is the same request).
    private static string RequestHash(EndpointFilterInvocationContext invocation)
    {
        var http = invocation.HttpContext;
        var bodyType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = invocation.Arguments.FirstOrDefault(a => a is not null && bodyType is not null && a.GetType() == bodyType);
        var text = $"{http.Request.Method} {http.Request.Path}\n{(body is null ? "" : JsonSerializer.Serialize(body, bodyType!, MatchmakerJson.Options))}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    // Runs the handler's result against a buffer instead of the connection: status, headers and body as they would
    // have been sent.
    private static async Task<StoredAnswer> CaptureAsync(HttpContext http, object? result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            if (result is IResult executable) await executable.ExecuteAsync(http);
            else if (result is not null) await http.Response.WriteAsJsonAsync(result, result.GetType());
        }
        finally
        {
            http.Response.Body = original;
        }
        return new StoredAnswer("", http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            buffer.ToArray());
    }

    /// <summary>Sends a stored (or just captured) answer as it was.</summary>
    private sealed class Replay(StoredAnswer answer, bool replayed = true) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = answer.Status;
            if (answer.ContentType is not null) http.Response.ContentType = answer.ContentType;
            if (answer.Location is not null) http.Response.Headers.Location = answer.Location;
            if (replayed) http.Response.Headers[ReplayedHeader] = "true";
            await http.Response.Body.WriteAsync(answer.Body);
        }
    }
}
