using Matchmaker.Core.Storage;

namespace Matchmaker.Api.Hosting;

/// <summary>Deletes idempotency answers older than twice <see cref="IdempotencyStore.KeptFor"/>, once an hour.</summary>
internal sealed class IdempotencyCleanup(IdempotencyStore store, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await store.ForgetOldAsync();
                if (deleted > 0) logger.LogInformation("Forgot {Count} idempotency answers older than {Age}", deleted, 2 * IdempotencyStore.KeptFor);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Forgetting old idempotency answers failed; trying again in an hour");
            }
        }
    }
}
