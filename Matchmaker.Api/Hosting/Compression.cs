using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Matchmaker.Api.Hosting;

/// <summary>Marks an endpoint whose answers are never compressed: they carry a secret beside what the caller sent.</summary>
internal sealed record NoCompression;

/// <summary>
/// JSON answers are compressed (Brotli or gzip, at the fastest level) for clients that ask with Accept-Encoding: a
/// 10-expert recommendation with full reasons shrinks about fourfold on the wire. Not for answers that put a secret
/// next to text the caller chose (a new API key and its name): compressed, their size could reveal the secret
/// (BREACH), so those endpoints opt out.
/// </summary>
internal static class Compression
{
    public static void AddMatchmakerCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["application/json", "application/problem+json"];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
    }

    public static void UseMatchmakerCompression(this WebApplication app) =>
        app.UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<NoCompression>() is null, branch => branch.UseResponseCompression());

    public static RouteHandlerBuilder WithoutCompression(this RouteHandlerBuilder builder) => builder.WithMetadata(new NoCompression());
}
