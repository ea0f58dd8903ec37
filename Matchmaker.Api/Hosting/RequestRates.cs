using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Hosting;

/// <summary>
/// The rate limit per key (this instance's share of <see cref="LimitsOptions.RequestsPerMinute"/>,
/// <see cref="LimitsOptions.RequestsPerMinutePerInstance"/>, in a fixed window of a minute that starts
/// with the key's first request), told to the client on every answer in the IETF draft's fields
/// (draft-ietf-httpapi-ratelimit-headers): <c>RateLimit-Policy: "per-key";q=600;w=60</c> and
/// <c>RateLimit: "per-key";r=599;t=60</c>, remaining requests and seconds until the window ends.
/// </summary>
internal sealed class RequestRates(IOptions<LimitsOptions> options, TimeProvider clock)
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string Header = "RateLimit";
    public const string Policy = "per-key";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private sealed class Counter
    {
        public long Start;
        public int Used;
    }

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private long _taken;

    /// <summary>Counts one request of <paramref name="client"/>.</summary>
    public (bool Allowed, int Remaining, int ResetSeconds) Take(string client)
    {
        var limit = options.Value.RequestsPerMinutePerInstance;
        var now = clock.GetTimestamp();
        var window = (long)(Window.TotalSeconds * clock.TimestampFrequency);
        if (Interlocked.Increment(ref _taken) % 10_000 == 0) Sweep(now, window);
        var counter = _counters.GetOrAdd(client, _ => new Counter { Start = now });
        lock (counter)
        {
            if (now - counter.Start >= window)
            {
                counter.Start = now;
                counter.Used = 0;
            }
            if (counter.Used <= limit) counter.Used++; // stops counting once over: Used never overflows
            var reset = (int)Math.Ceiling((counter.Start + window - now) / (double)clock.TimestampFrequency);
            return (counter.Used <= limit, Math.Max(0, limit - counter.Used), Math.Max(1, reset));
        }
    }

    public int Limit => options.Value.RequestsPerMinutePerInstance;

    /// <summary>The <c>RateLimit-Policy</c> field, the same on every answer: made once rather than per request.</summary>
    public string PolicyValue { get; } = $"\"{Policy}\";q={options.Value.RequestsPerMinutePerInstance};w={(int)Window.TotalSeconds}";

    // Counters of clients gone quiet for a whole window (addresses of callers without a key above all) are dropped.
    private void Sweep(long now, long window)
    {
        foreach (var (client, counter) in _counters)
            if (now - Volatile.Read(ref counter.Start) >= window) _counters.TryRemove(client, out _);
    }
}
