using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadCt.AppHost.LocalServices.Azurite;

/// <summary>
/// Healthy when both the blob and the queue service answer with a storage-protocol response. An
/// unauthenticated request is enough: Azurite answers it with 403 and an x-ms-request-id header.
/// </summary>
internal sealed class AzuriteHealthCheck(IResourceWithEndpoints resource) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var endpointName in (string[])[AzuriteAccount.BlobEndpointName, AzuriteAccount.QueueEndpointName])
        {
            var endpoint = resource.GetEndpoint(endpointName);
            if (!endpoint.IsAllocated)
            {
                return HealthCheckResult.Unhealthy($"The {endpointName} endpoint is not allocated yet.");
            }

            var probe = new Uri($"{endpoint.Url}/{AzuriteAccount.Name}?restype=service&comp=properties");
            try
            {
                using var response = await Http.GetAsync(probe, cancellationToken);
                if (!response.Headers.Contains("x-ms-request-id"))
                {
                    return HealthCheckResult.Unhealthy($"{probe} answered {(int)response.StatusCode} without a storage request id.");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"{probe} did not answer.", exception);
            }
        }

        return HealthCheckResult.Healthy();
    }
}
