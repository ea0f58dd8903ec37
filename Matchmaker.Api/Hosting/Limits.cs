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

    /// <summary>
    /// API instances sharing one database behind a load balancer that spreads requests evenly: each instance allows a
    /// key its share, <see cref="RequestsPerMinute"/> / <see cref="Instances"/> (rounded up), so that all of them
    /// together allow the limit. Counted in each instance's memory: no database write per request.
    /// </summary>
    [Range(1, 1000)]
    public int Instances { get; set; } = 1;

    /// <summary>What this instance allows a key in a minute.</summary>
    public int RequestsPerMinutePerInstance => (RequestsPerMinute + Instances - 1) / Instances;

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

        builder.Services.AddSingleton<RequestRates>();
        // The limiter middleware keeps only the ranking queue; the rate per key is RequestRates, which tells its state.
        // Options are read when the limiter is first built, so that every configuration source (tests too) counts.
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((options, configured) =>
        {
            var limits = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RankingQueueFull;
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

    /// <summary>Counts every request but those of endpoints that opt out (<c>/health</c>); 429 with <c>Retry-After</c> when over.</summary>
    public static void UseRequestRates(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
        {
            await next(context);
            return;
        }
        var rates = context.RequestServices.GetRequiredService<RequestRates>();
        var (allowed, remaining, reset) = rates.Take(Client(context));
        var policy = rates.PolicyValue;
        var state = $"\"{RequestRates.Policy}\";r={remaining};t={reset}";
        // On starting, because the exception handler clears the headers before it writes a problem answer.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RequestRates.PolicyHeader] = policy;
            context.Response.Headers[RequestRates.Header] = state;
            return Task.CompletedTask;
        });
        if (allowed)
        {
            await next(context);
            return;
        }
        context.Response.Headers.RetryAfter = reset.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"More than {rates.Limit} requests in a minute with this key on this instance; retry after {reset} s.").ExecuteAsync(context);
    });

    // The key when there is a valid one; otherwise the address, so that guessing keys is limited too.
    private static string Client(HttpContext context) =>
        context.KeyId() is { } key
            ? "key:" + key
            : "address:" + context.Connection.RemoteIpAddress;

    // A full ranking queue is worth retrying a second later.
    private static async ValueTask RankingQueueFull(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = "1";
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: "Too many rankings are waiting; retry after a second.").ExecuteAsync(context);
    }

    private static RequestTimeoutPolicy Timeout(double seconds) => new()
    {
        Timeout = TimeSpan.FromSeconds(seconds),
        TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        WriteTimeoutResponse = context => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Request timed out",
            detail: $"The request took longer than the server allows ({seconds} s).").ExecuteAsync(context),
    };
}
