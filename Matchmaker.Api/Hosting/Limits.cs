using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Matchmaker.Api.Access;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Hosting;

/// <summary>The <c>Limits</c> configuration section: what one client may take of the service.</summary>
public sealed class LimitsOptions
{
    /// <summary>Requests per key per minute (a fixed window); without a valid key, per client address.</summary>
    [Range(1, 100_000_000)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Rankings computed at once; more wait in a queue of <see cref="RankingQueue"/>.</summary>
    [Range(1, 1024)]
    public int RankingConcurrency { get; set; } = Environment.ProcessorCount * 2;

    [Range(0, 100_000)]
    public int RankingQueue { get; set; } = 500;

    [Range(0.001, 3600)]
    public double RequestTimeoutSeconds { get; set; } = 30;

    [Range(0.001, 3600)]
    public double ImportTimeoutSeconds { get; set; } = 600;
}

/// <summary>Body and header sizes, the rate limit per key, the ranking queue and request timeouts.</summary>
internal static class Limits
{
    public const long MaxBodyBytes = 1024 * 1024;
    public const string RankingPolicy = "ranking";
    public const string ImportTimeout = "import";

    public static void AddMatchmakerLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration("Limits").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes; // imports raise it for their own request (JsonLinesBody)
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 100;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        });

        // Options are read when the limiters are first built, so that every configuration source (tests too) counts.
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((options, configured) =>
        {
            var limits = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = Rejected;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(Client(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.AddConcurrencyLimiter(RankingPolicy, ranking =>
            {
                ranking.PermitLimit = limits.RankingConcurrency;
                ranking.QueueLimit = limits.RankingQueue;
                ranking.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });
        builder.Services.AddRequestTimeouts(_ => { });
        builder.Services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<LimitsOptions>>((options, configured) =>
        {
            options.DefaultPolicy = Timeout(configured.Value.RequestTimeoutSeconds);
            options.AddPolicy(ImportTimeout, Timeout(configured.Value.ImportTimeoutSeconds));
        });
    }

    // The key when there is a valid one; otherwise the address, so that guessing keys is limited too.
    private static string Client(HttpContext context) =>
        context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value is { } key
            ? "key:" + key
            : "address:" + context.Connection.RemoteIpAddress;

    private static async ValueTask Rejected(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // The fixed window knows when it reopens; a full ranking queue is worth retrying a second later.
        var perKey = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        var seconds = perKey ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var limit = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var detail = perKey
            ? $"More than {limit.RequestsPerMinute} requests in a minute with this key; retry after {seconds} s."
            : "Too many rankings are waiting; retry after a second.";
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail).ExecuteAsync(context);
    }

    private static RequestTimeoutPolicy Timeout(double seconds) => new()
    {
        Timeout = TimeSpan.FromSeconds(seconds),
        TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        WriteTimeoutResponse = context => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Request timed out",
            detail: $"The request took longer than the server allows ({seconds} s).").ExecuteAsync(context),
    };
}
