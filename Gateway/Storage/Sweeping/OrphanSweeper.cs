using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Storage.Sweeping;

/// <summary>
/// Removes what unfinished studies left in storage: instance blobs and staged blocks of an upload cut off by an outage
/// (its own cleanup failed with storage away) or a crash. Every <see cref="SweeperOptions.Interval"/> it takes the
/// pending markers older than the grace period: a study without a record is deleted (staged blocks included), a
/// study with one only loses its stale marker. Now and then it also lists every study prefix for unrecorded blobs
/// without a marker. Several gateways may sweep at once: every step is idempotent.
/// </summary>
internal sealed class OrphanSweeper(
    IStudyStore studies, IOptions<SweeperOptions> options, GatewayTelemetry telemetry, TimeProvider time, ILogger<OrphanSweeper> logger)
    : BackgroundService
{
    private DateTimeOffset _nextFullScan = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        _nextFullScan = time.GetUtcNow() + settings.Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.Interval, time, stoppingToken);
                await SweepAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StorageUnavailableException e)
            {
                Log.SweepFailed(logger, e);
            }
        }
    }

    internal async Task SweepAsync(SweeperOptions settings, CancellationToken cancellationToken)
    {
        using var activity = GatewayTelemetry.ActivitySource.StartActivity("sweep orphans");
        var cutoff = time.GetUtcNow() - settings.GracePeriod;
        await foreach (var studyId in studies.ListPendingAsync(cutoff, cancellationToken))
        {
            if (await studies.ReadRecordAsync(studyId, cancellationToken) is null)
            {
                await RemoveAsync(studyId, "pending marker", cancellationToken);
            }

            await studies.ClearPendingAsync(studyId, cancellationToken);
        }

        if (settings.FullScanInterval is { } every && time.GetUtcNow() >= _nextFullScan)
        {
            _nextFullScan = time.GetUtcNow() + every;
            await foreach (var studyId in studies.ListUnrecordedStudiesAsync(cutoff, cancellationToken))
            {
                await RemoveAsync(studyId, "full scan", cancellationToken);
            }
        }
    }

    private async Task RemoveAsync(string studyId, string foundBy, CancellationToken cancellationToken)
    {
        var removed = await studies.DeleteStudyAsync(studyId, cancellationToken);
        if (removed > 0)
        {
            telemetry.OrphansSwept.Add(removed);
            Log.OrphansSwept(logger, studyId, removed, foundBy);
        }
    }
}
