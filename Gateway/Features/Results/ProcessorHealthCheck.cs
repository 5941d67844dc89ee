using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Results;

/// <summary>
/// "Degraded" while the circuit in front of the processor is open, or the processor does not answer its <c>/health</c>
/// within <see cref="ProcessorClientOptions.HealthTimeout"/>:
/// the gateway still serves its page and refuses what needs the processor with 503 at once; the orchestrator and
/// operators see why.
/// </summary>
internal sealed class ProcessorHealthCheck(IHttpClientFactory clients, ProcessorCircuit circuit, IOptions<ProcessorClientOptions> options)
    : IHealthCheck
{
    public const string ClientName = "processor-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (circuit.IsRefusing)
        {
            return HealthCheckResult.Degraded("Calls to the processor are refused at once: it failed recently.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.HealthTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync("health", timeout.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded($"The processor's health is {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("The processor does not answer.", e);
        }
    }
}
