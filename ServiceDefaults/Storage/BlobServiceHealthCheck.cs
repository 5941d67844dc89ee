using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadCt.ServiceDefaults.Storage;

/// <summary>Healthy when the blob service answers a one-item container listing.</summary>
internal sealed class BlobServiceHealthCheck(BlobServiceClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pages = client.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1);
            await using var firstPage = pages.GetAsyncEnumerator(cancellationToken);
            await firstPage.MoveNextAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Blob service did not answer.", exception);
        }
    }
}
