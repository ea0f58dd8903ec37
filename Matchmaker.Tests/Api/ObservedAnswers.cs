using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Tests.Api;

/// <summary>
/// What the API answered in this test run, seen at the server: the statuses of each operation
/// (<c>GET /api/v1/experts/{id}</c>) by the test fixture whose server answered, and every problem answer whose
/// <c>traceId</c> was not the request's <c>X-Request-Id</c>. The OpenAPI tests hold the document to it.
/// </summary>
internal static class ObservedAnswers
{
    private static readonly ConcurrentDictionary<(string Source, string Operation), ConcurrentDictionary<int, byte>> Statuses = new();
    private static readonly ConcurrentQueue<string> UntracedProblems = new();

    public static IReadOnlyCollection<string> Sources => Statuses.Keys.Select(k => k.Source).ToHashSet();

    /// <summary>Statuses by operation, of the fixtures named (all when none is).</summary>
    public static IReadOnlyDictionary<string, SortedSet<int>> ByOperation(params string[] sources) =>
        Statuses.Where(p => sources.Length == 0 || sources.Contains(p.Key.Source))
            .GroupBy(p => p.Key.Operation)
            .ToDictionary(g => g.Key, g => new SortedSet<int>(g.SelectMany(p => p.Value.Keys)));

    public static IReadOnlyCollection<string> ProblemsWithoutTraceId => UntracedProblems.ToList();

    /// <summary>The first middleware of the server: records each answer once the rest of the pipeline has written it.</summary>
    internal sealed class Recorder(string source) : IStartupFilter
    {
        private const int Kept = 64 * 1024;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                // The copy is a body feature of its own, completed before the real one is put back, so that nothing
                // written is left in its buffer and the answer has started (with its headers) when it is read here.
                var original = context.Features.Get<IHttpResponseBodyFeature>()!;
                var copy = new CopyingStream(original.Stream, Kept);
                var copying = new StreamResponseBodyFeature(copy, original);
                context.Features.Set<IHttpResponseBodyFeature>(copying);
                try
                {
                    await nextMiddleware(context);
                    await copying.CompleteAsync();
                }
                finally
                {
                    context.Features.Set(original);
                }
                // The exception handler clears the endpoint before it writes its answer, but keeps it in its feature.
                var endpoint = context.GetEndpoint() as RouteEndpoint
                    ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint as RouteEndpoint;
                if (endpoint is not null)
                {
                    var operation = $"{context.Request.Method} /{endpoint.RoutePattern.RawText!.Trim('/')}";
                    Statuses.GetOrAdd((source, operation), _ => new()).TryAdd(context.Response.StatusCode, 0);
                }
                if (context.Response.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true)
                    CheckTraceId(context, copy.Kept);
            });
            next(app);
        };

        private void CheckTraceId(HttpContext context, byte[] body)
        {
            var requestId = context.Response.Headers["X-Request-Id"].ToString();
            string? traceId = null;
            try
            {
                using var json = JsonDocument.Parse(body);
                traceId = json.RootElement.TryGetProperty("traceId", out var id) ? id.GetString() : null;
            }
            catch (JsonException)
            {
            }
            if (requestId.Length == 0 || traceId != requestId)
                UntracedProblems.Enqueue($"{source}: {context.Request.Method} {context.Request.Path} {context.Response.StatusCode}, " +
                    $"X-Request-Id '{requestId}', body {Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)])}");
        }
    }

    /// <summary>
    /// Writes through to the real body and keeps a copy of the first bytes written, once each has been written: a
    /// write cancelled by the request's timeout is tried again by the pipe above, and would otherwise be kept twice.
    /// </summary>
    private sealed class CopyingStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _kept = new();

        public byte[] Kept => _kept.ToArray();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = limit - (int)_kept.Length;
            if (room > 0) _kept.Write(bytes[..Math.Min(room, bytes.Length)]);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Keep(buffer.AsSpan(offset, count));
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Keep(buffer.Span);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
