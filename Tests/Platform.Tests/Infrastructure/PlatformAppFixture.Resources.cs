using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace HeadCt.Platform.Tests.Infrastructure;

/// <summary>Stopping, starting and restarting resources as the dashboard's buttons do, and waiting on them.</summary>
public sealed partial class PlatformAppFixture
{
    /// <summary>Stops the resource and returns once it has reached a terminal state (e.g. Exited).</summary>
    public async Task StopResourceAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        await ExecuteCommandAsync(resourceName, KnownResourceCommands.StopCommand, cancellationToken);
        await WaitForStateAsync(resourceName, KnownResourceStates.TerminalStates, cancellationToken);
    }

    /// <summary>Starts a stopped resource and returns once its new run is healthy.</summary>
    public Task StartResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        RunCommandUntilNewRunIsHealthyAsync(resourceName, KnownResourceCommands.StartCommand, cancellationToken);

    /// <summary>Restarts the resource and returns once its new run is healthy.</summary>
    public Task RestartResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        RunCommandUntilNewRunIsHealthyAsync(resourceName, KnownResourceCommands.RestartCommand, cancellationToken);

    /// <summary>Waits until the resource is Running and its health checks pass; fails after <see cref="ResourceTimeout"/>.</summary>
    public async Task WaitForHealthyAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResourceTimeout);
        await AwaitHealthyRunAsync(resourceName, WaitForHealthyRunAsync(resourceName, _ => true, timeout.Token), cancellationToken);
    }

    /// <summary>Waits for a healthy run of the resource that started after <paramref name="previousStart"/> (e.g. a restart after a kill).</summary>
    public async Task WaitForNewHealthyRunAsync(string resourceName, DateTime? previousStart, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResourceTimeout);
        // A start that fails on the way is not the end: the supervisor tries again, so only the timeout fails this.
        await AwaitHealthyRunAsync(resourceName,
            WaitForHealthyRunAsync(resourceName, snapshot => snapshot.StartTimeStamp > previousStart, timeout.Token, failedToStartEnds: false),
            cancellationToken);
    }

    /// <summary>Waits for the resource to reach one of <paramref name="states"/> (see KnownResourceStates).</summary>
    public async Task<string> WaitForStateAsync(
        string resourceName, IEnumerable<string> states, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResourceTimeout);
        return await App.ResourceNotifications.WaitForResourceAsync(resourceName, states, timeout.Token);
    }

    /// <summary>The current snapshot of a resource (state, health, URLs), as the dashboard shows it.</summary>
    public CustomResourceSnapshot CurrentSnapshot(string resourceName) =>
        App.ResourceNotifications.TryGetCurrentState(resourceName, out var resourceEvent)
            ? resourceEvent.Snapshot
            : throw new InvalidOperationException($"The AppHost has no resource named '{resourceName}'.");

    private async Task RunCommandUntilNewRunIsHealthyAsync(
        string resourceName, string command, CancellationToken cancellationToken)
    {
        // The command can return while the snapshot still shows the previous run, healthy, or its exit.
        // So watch from before the command, and accept a healthy run only after the previous one was seen
        // to end (any state other than Running) or a later start time was seen.
        var previousStart = CurrentSnapshot(resourceName).StartTimeStamp;
        var previousRunEnded = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResourceTimeout);
        var healthyRun = WaitForHealthyRunAsync(
            resourceName,
            snapshot =>
            {
                previousRunEnded |= snapshot.State?.Text != KnownResourceStates.Running
                                    || snapshot.StartTimeStamp > previousStart;
                return previousRunEnded;
            },
            timeout.Token);

        try
        {
            await ExecuteCommandAsync(resourceName, command, cancellationToken);
            await AwaitHealthyRunAsync(resourceName, healthyRun, cancellationToken);
        }
        finally
        {
            // Ends the watch if the command itself failed.
            await timeout.CancelAsync();
        }
    }

    private Task<ResourceEvent> WaitForHealthyRunAsync(
        string resourceName, Func<CustomResourceSnapshot, bool> isNewRun, CancellationToken cancellationToken, bool failedToStartEnds = true) =>
        App.ResourceNotifications.WaitForResourceAsync(
            resourceName,
            resourceEvent => (isNewRun(resourceEvent.Snapshot) && IsHealthyRunning(resourceEvent.Snapshot))
                             || failedToStartEnds && resourceEvent.Snapshot.State?.Text == KnownResourceStates.FailedToStart,
            cancellationToken);

    private async Task AwaitHealthyRunAsync(string resourceName, Task<ResourceEvent> healthyRun, CancellationToken cancellationToken)
    {
        try
        {
            var settled = await healthyRun;
            if (settled.Snapshot.State?.Text == KnownResourceStates.FailedToStart)
            {
                throw new InvalidOperationException($"'{resourceName}' failed to start.");
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(DescribeFailure(resourceName, exception), exception);
        }
    }

    private static bool IsHealthyRunning(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == HealthStatus.Healthy;

    private string DescribeFailure(string resourceName, Exception exception)
    {
        var snapshot = CurrentSnapshot(resourceName);
        var resourceLines = string.Join(Environment.NewLine, Logs.OfResource(resourceName).TakeLast(30));
        return $"'{resourceName}' did not become healthy ({snapshot.State?.Text}, {snapshot.HealthStatus}): " +
               $"{exception.Message}{Environment.NewLine}" +
               $"Its last output:{Environment.NewLine}{resourceLines}{Environment.NewLine}" +
               $"Warnings and errors:{Environment.NewLine}{Logs.Tail(30, LogLevel.Warning)}";
    }

    private async Task ExecuteCommandAsync(string resourceName, string command, CancellationToken cancellationToken)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(resourceName, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException(
                $"Command '{command}' on '{resourceName}' failed: {result.Message ?? "no message"}");
        }
    }
}
