using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadCt.AppHost.LocalServices.Cache;

/// <summary>Healthy when the server answers PING with +PONG through its allocated endpoint.</summary>
internal sealed class RedisPingHealthCheck(IResourceWithEndpoints resource) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    // RESP array of one bulk string, "PING" (Redis serialization protocol).
    private static readonly byte[] PingCommand = "*1\r\n$4\r\nPING\r\n"u8.ToArray();
    private const string PongReply = "+PONG";

    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoint = resource.GetEndpoint(CacheEndpoint.Name);
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("The cache endpoint is not allocated yet.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(PingCommand, timeout.Token);

            var reply = new byte[64];
            var length = await stream.ReadAsync(reply, timeout.Token);
            var text = Encoding.ASCII.GetString(reply, 0, length);
            return text.StartsWith(PongReply, StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"PING was answered with '{text.TrimEnd()}'.");
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException
                                          && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{endpoint.Host}:{endpoint.Port} did not answer PING.", exception);
        }
    }
}
