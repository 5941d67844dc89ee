using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using HeadCt.Processor.Telemetry;

namespace HeadCt.Processor.Worker;

/// <summary>
/// A held claim on a study (see <see cref="StudyClaims"/>): renewed every third of its duration while the job runs.
/// <see cref="Lost"/> is cancelled when it can no longer be held (another replica took it, or no renewal succeeded
/// for a whole duration), so the job stops before it writes. Disposing releases it by deleting its blob.
/// </summary>
public sealed class StudyClaim : IAsyncDisposable
{
    private readonly BlobClient _blob;
    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewals;

    internal StudyClaim(BlobClient blob, BlobLeaseClient lease, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _blob = blob;
        _lease = lease;
        _renewals = RenewAsync(duration, time, logger);
    }

    public CancellationToken Lost => _lost.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _blob.DeleteIfExistsAsync(conditions: new BlobRequestConditions { LeaseId = _lease.LeaseId });
            }
            catch (RequestFailedException)
            {
                // The lease runs out by itself; the next claimer takes the blob over.
            }
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewAsync(TimeSpan duration, TimeProvider time, ILogger logger)
    {
        var renewed = time.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(duration / 3, time, _stop.Token);
                await _lease.RenewAsync(cancellationToken: _stop.Token);
                renewed = time.GetTimestamp();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 404)
            {
                Log.ClaimLost(logger, _blob.Name, e.ErrorCode ?? e.Status.ToString());
                await _lost.CancelAsync();
                return;
            }
            catch (Exception e)
            {
                if (time.GetElapsedTime(renewed) >= duration)
                {
                    Log.ClaimLost(logger, _blob.Name, e.GetType().Name);
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
    }
}
