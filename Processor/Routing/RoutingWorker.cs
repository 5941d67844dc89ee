using System.Threading.Channels;

namespace HeadCt.Processor.Routing;

/// <summary>
/// Routes studies in the background: a study is queued when its result objects are written (and by the admin retry);
/// a destination that failed is tried again when its backoff is over. The queue is in memory: after a restart,
/// destinations left failed are sent again by the admin retry (documented limitation).
/// </summary>
public sealed class RoutingWorker(ResultRouter router, TimeProvider time, ILogger<RoutingWorker> logger) : BackgroundService
{
    private readonly Channel<string> _studies = Channel.CreateUnbounded<string>();

    public void Enqueue(string studyId) => _studies.Writer.TryWrite(studyId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var studyId in _studies.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (await router.RunAsync(studyId, stoppingToken) is { } next)
                    _ = RequeueAsync(studyId, next - time.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage unavailable or the like: try the study again later.
                Telemetry.Log.RoutingPassFailed(logger, studyId, e);
                _ = RequeueAsync(studyId, TimeSpan.FromSeconds(30), stoppingToken);
            }
        }
    }

    private async Task RequeueAsync(string studyId, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, stoppingToken);
            Enqueue(studyId);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
