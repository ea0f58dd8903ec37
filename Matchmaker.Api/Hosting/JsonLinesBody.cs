using Matchmaker.Core.Imports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Matchmaker.Api.Hosting;

/// <summary>Reads a JSON Lines request body for the import endpoints.</summary>
internal static class JsonLinesBody
{
    public const string ContentType = "application/x-ndjson";
    public const long MaxBytes = 20 * 1024 * 1024;

    private static readonly string[] Accepted = [ContentType, "application/jsonl", "application/x-jsonlines", "application/json-lines"];

    /// <summary>The body bytes, or a problem result (415 wrong media type, 413 too large).</summary>
    private static async Task<(ReadOnlyMemory<byte> Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is null || !Accepted.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            return (default, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: $"Send JSON Lines with Content-Type: {ContentType} (one JSON object per line)."));
        if (request.ContentLength > MaxBytes) return (default, TooLarge());
        // Kestrel allows 1 MB per request (Limits); an import may send up to MaxBytes. One byte more lets the loop
        // below usually see an oversized body first and answer with its own message (Kestrel answers 413 too).
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBytes + 1;

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (default, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>Reads the body and hands it to <paramref name="import"/>; the shared handler of every import endpoint.</summary>
    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, Func<ReadOnlyMemory<byte>, Task<ImportReport>> import, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        return TypedResults.Ok(await import(body));
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large", detail: $"An import may be at most {MaxBytes / (1024 * 1024)} MB; split the file.");
}
