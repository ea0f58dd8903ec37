using Matchmaker.Api.Hosting;
using Matchmaker.Core.Learning;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Models;

/// <summary>
/// The learned models on this instance: runs trainings asked for through the API in the background (a stopping
/// server waits for them), and keeps <see cref="ServingModel"/> in step with the database, every
/// <c>Matchmaker:ModelPollSeconds</c>, so that a promotion or a rollback made on any instance is served here within
/// that time.
/// </summary>
public sealed class ModelTrainings(ModelTraining training, ServingModel serving, IOptions<MatchmakerOptions> options, ILogger<ModelTrainings> logger)
    : BackgroundService
{
    private readonly List<Task> _running = [];

    public void Start(long version, bool promote)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(Task.Run(async () =>
            {
                if (await training.RunAsync(version, promote) != ModelStatus.Promoted) return; // a failure is recorded with the model
                try
                {
                    await serving.RefreshAsync();
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Model {Version} was promoted; this instance serves it from its next poll", version);
                }
            }));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ModelPollSeconds));
        do
        {
            try
            {
                await serving.RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Reading the promoted model failed; the current one serves until the next poll");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_running) running = [.. _running];
        await Task.WhenAll(running).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
