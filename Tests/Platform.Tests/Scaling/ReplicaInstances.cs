using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadCt.Platform.Tests.Scaling;

/// <summary>The running instances (replicas) of a project resource: their ids, processes and own HTTP addresses.</summary>
public sealed class ReplicaInstances(DistributedApplication app, string resourceName)
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _output = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopped = new();
    private IReadOnlyList<string> _ids = [];

    /// <summary>Ends the output followers (before the app is disposed).</summary>
    public void StopFollowing() => _stopped.Cancel();

    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Learns the instance ids from the resource notifications (they replay every instance's current state).</summary>
    public async Task DiscoverAsync(int expected, CancellationToken cancellationToken)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (resourceEvent.Resource.Name == resourceName && seen.Add(resourceEvent.ResourceId) && seen.Count == expected)
            {
                _ids = [.. seen];
                foreach (var id in _ids)
                {
                    _ = FollowOutputAsync(id, _output.GetOrAdd(id, _ => new()), _stopped.Token);
                }

                return;
            }
        }
    }

    /// <summary>
    /// The console output of one instance so far (the test host's captured logs merge all replicas of a resource
    /// under its name).
    /// </summary>
    public IReadOnlyList<string> Output(string instanceId) => [.. _output.GetOrAdd(instanceId, _ => new())];

    /// <summary>
    /// Follows an instance's output across its runs: a watch can end with the run it watched, so it is started again,
    /// and lines it replays (same number and text) are kept once.
    /// </summary>
    private async Task FollowOutputAsync(string instanceId, ConcurrentQueue<string> lines, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(int, string)>();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        while (true)
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(instanceId).WithCancellation(CancellationToken.None))
                {
                    foreach (var line in batch.Where(line => seen.Add((line.LineNumber, line.Content))))
                    {
                        lines.Enqueue(line.Content);
                    }
                }

                await Task.Delay(200, cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return; // the app was stopped
            }
        }
    }

    public CustomResourceSnapshot Snapshot(string instanceId) =>
        app.ResourceNotifications.TryGetCurrentState(instanceId, out var resourceEvent)
            ? resourceEvent.Snapshot
            : throw new InvalidOperationException($"No instance '{instanceId}' of '{resourceName}'.");

    /// <summary>The instance's own address (not the proxy in front of all replicas), from the URLs its process was given.</summary>
    public Uri Address(string instanceId)
    {
        var snapshot = Snapshot(instanceId);
        var urls = snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value;
        var http = urls?.Split(';').FirstOrDefault(url => url.StartsWith("http://", StringComparison.Ordinal));
        return http is not null
            ? new Uri(http.Replace("+", "localhost").Replace("*", "localhost"))
            : throw new InvalidOperationException($"Instance '{instanceId}' has no ASPNETCORE_URLS: " +
                string.Join(", ", snapshot.EnvironmentVariables.Select(variable => variable.Name)));
    }

    /// <summary>Kills the instance's process tree with SIGKILL, as a crashed container dies: no shutdown code runs.</summary>
    public void Kill(string instanceId)
    {
        var pid = Snapshot(instanceId).Properties.FirstOrDefault(p => p.Name is "executable.pid" or "project.pid")?.Value switch
        {
            int value => value,
            long value => (int)value,
            string text when int.TryParse(text, out var value) => value,
            var other => throw new InvalidOperationException($"Instance '{instanceId}' has no process id ({other})."),
        };
        Process.GetProcessById(pid).Kill(entireProcessTree: true);
    }

    /// <summary>Waits for a healthy run of the instance that started after <paramref name="previousStart"/> (any run when null).</summary>
    public async Task WaitForNewHealthyRunAsync(string instanceId, DateTime? previousStart, CancellationToken cancellationToken)
    {
        await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            var snapshot = resourceEvent.Snapshot;
            if (resourceEvent.ResourceId == instanceId && (previousStart is null || snapshot.StartTimeStamp > previousStart) &&
                snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == HealthStatus.Healthy)
            {
                return;
            }
        }
    }
}
