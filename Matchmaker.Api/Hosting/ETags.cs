using System.Security.Cryptography;
using System.Text.Json;
using Matchmaker.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Hosting;

/// <summary>
/// Strong entity tags of records as the API shows them (a hash of their JSON), and <c>If-Match</c> on PUT and DELETE:
/// a client that read a record sends its <c>ETag</c> back, and the write is refused with 412 when the record changed
/// since (or is gone), instead of overwriting someone else's change.
/// </summary>
internal static class ETags
{
    public static string Of<T>(T record)
    {
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(record, MatchmakerJson.Options));
        return $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }

    /// <summary>Sets the answer's <c>ETag</c> to <paramref name="record"/>'s and returns it.</summary>
    public static T Tagged<T>(this HttpContext context, T record)
    {
        context.Response.Headers.ETag = Of(record);
        return record;
    }

    /// <summary>
    /// As <see cref="Refused{T}"/>, reading the record with <paramref name="current"/> only when the request has an
    /// <c>If-Match</c> (a DELETE without one needs no read).
    /// </summary>
    public static async Task<ProblemHttpResult?> RefusedAsync<T>(HttpContext context, Func<Task<T?>> current) where T : class =>
        context.Request.Headers.IfMatch.Count == 0 ? null : Refused(context, await current());

    /// <summary>
    /// 412 when the request has an <c>If-Match</c> that <paramref name="current"/> does not satisfy (null when the
    /// record does not exist); null when the write may go ahead. Compared strongly, as RFC 9110 asks of If-Match.
    /// </summary>
    public static ProblemHttpResult? Refused<T>(HttpContext context, T? current) where T : class
    {
        var conditions = context.Request.Headers.IfMatch;
        if (conditions.Count == 0) return null;
        var tags = conditions.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (current is not null && (tags.Contains("*") || tags.Contains(Of(current)))) return null;
        return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed",
            detail: current is null
                ? "If-Match was sent, but the record does not exist."
                : $"The record changed since the ETag in If-Match was read: it is now {Of(current)}. Read it again and reapply the change.");
    }
}
