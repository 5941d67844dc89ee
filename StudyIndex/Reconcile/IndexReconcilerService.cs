using HeadCt.StudyIndex.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HeadCt.StudyIndex.Reconcile;

/// <summary>Runs the reconciler every <see cref="IndexOptions.ReconcileInterval"/>.</summary>
public sealed class IndexReconcilerService(IndexReconciler reconciler, IOptions<IndexOptions> options, ILogger<IndexReconcilerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await reconciler.RunOnceAsync(options.Value.ReconcileGrace, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ReconcileFailed(logger, "all", "-", e);
            }
        }
    }
}
