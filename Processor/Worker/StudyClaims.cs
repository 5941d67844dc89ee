using Azure;
using Azure.Storage.Blobs.Specialized;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Worker;

/// <summary>
/// Makes sure one replica at a time processes a study, even when two messages for it are taken (a queue lease that
/// lapsed during a long pause, a message redelivered while its first taker still runs). A claim is a blob lease on
/// the study's blob in the claims container: Azure Storage grants it to one caller only, and it runs out by itself
/// when its holder dies. The blob is deleted when the claim is released, so the container holds only running jobs
/// (and those of replicas that died, until the study's next job takes them over).
/// </summary>
public sealed class StudyClaims(StudyClaimsContainer container, IOptions<WorkerOptions> options, TimeProvider time, ILogger<StudyClaims> logger)
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The claim on the study, waiting up to <see cref="WorkerOptions.ClaimWait"/> while another replica holds it; null when it still does.</summary>
    public async Task<StudyClaim?> ClaimAsync(string studyId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Value.ClaimWait;
        while (true)
        {
            if (await TryClaimAsync(studyId, cancellationToken) is { } claim)
            {
                return claim;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return null;
            }

            await Task.Delay(RetryPeriod, time, cancellationToken);
        }
    }

    private async Task<StudyClaim?> TryClaimAsync(string studyId, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlobClient(studyId);
        var lease = blob.GetBlobLeaseClient();
        return await StorageCalls.Run<StudyClaim?>(async () =>
        {
            try
            {
                await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Claimed before: by a running job, a dead one whose lease runs out, or one releasing it now.
            }

            try
            {
                await lease.AcquireAsync(options.Value.ClaimDuration, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 404)
            {
                // 409: held by another replica. 404: released (deleted) between our create and acquire; try again.
                return null;
            }

            return new StudyClaim(blob, lease, options.Value.ClaimDuration, time, logger);
        });
    }
}
