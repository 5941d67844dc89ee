using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse.Assembly;

/// <summary>
/// Commits DIMSE studies as their quiet periods pass. On an orderly stop every pending study is committed at once, so
/// instances already acknowledged to their senders are not left unprocessed (a later instance reprocesses the study).
/// </summary>
public sealed class StudyAssemblyWorker(StudyAssembler assembler, IOptions<DimseOptions> options, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan ShutdownCommitLimit = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.QuietPeriod.TotalMilliseconds / 4, 100, 2000));
        using var timer = new PeriodicTimer(tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await assembler.CommitDueAsync(force: false, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ShutdownCommitLimit);
        try
        {
            await assembler.CommitDueAsync(force: true, limit.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
