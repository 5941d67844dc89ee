using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadCt.EndToEnd;

/// <summary>
/// Stops the processor and starts it again, as the dashboard's buttons do. Not the restart command: DCP runs projects
/// through `dotnet run`, and a restart can leave the project stopped; a start issued while DCP is still tearing the
/// previous run down is refused, so it is retried.
/// </summary>
public static class ProcessorRestart
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(DistributedApplication app, string resourceName = "processor")
    {
        using var timeout = new CancellationTokenSource(Timeout);
        // DCP sometimes reports a stop as failed although the service has shut down: the state decides, not the command.
        await app.ResourceCommands.ExecuteCommandAsync(resourceName, KnownResourceCommands.StopCommand, timeout.Token);
        await app.ResourceNotifications.WaitForResourceAsync(resourceName,
            resourceEvent => resourceEvent.Snapshot.State?.Text is { } state &&
                             (KnownResourceStates.TerminalStates.Contains(state) || state == "Unknown"),
            timeout.Token);

        for (var attempt = 1; ; attempt++)
        {
            var started = await app.ResourceCommands.ExecuteCommandAsync(resourceName, KnownResourceCommands.StartCommand, timeout.Token);
            if (started.Success)
            {
                break;
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException($"'{resourceName}' did not start again: {started.Message}");
            }

            await Task.Delay(TimeSpan.FromSeconds(3), timeout.Token);
        }

        await app.ResourceNotifications.WaitForResourceAsync(resourceName,
            resourceEvent => resourceEvent.Snapshot.State?.Text == KnownResourceStates.Running &&
                             resourceEvent.Snapshot.HealthStatus == HealthStatus.Healthy,
            timeout.Token);
    }
}
