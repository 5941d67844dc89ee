using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.Diagnostics;

/// <summary>
/// Writes each resource's state and health changes to the AppHost log, so a console run or a CI log
/// shows what the dashboard shows (e.g. "cache: Running, Healthy").
/// </summary>
internal sealed class ResourceStateLogger(ResourceNotificationService notifications, ILogger<ResourceStateLogger> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _lastLogged = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var resourceEvent in notifications.WatchAsync(stoppingToken))
            {
                var snapshot = resourceEvent.Snapshot;
                var state = snapshot.State?.Text;
                if (string.IsNullOrEmpty(state) || IsHiddenFromDashboard(snapshot))
                {
                    continue;
                }

                var summary = snapshot.HealthStatus is { } health ? $"{state}, {health}" : state;
                var name = resourceEvent.Resource.Name;
                if (_lastLogged.TryGetValue(name, out var previous) && previous == summary)
                {
                    continue;
                }

                _lastLogged[name] = summary;
                logger.LogInformation("Resource {Resource}: {State}", name, summary);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Aspire's helper resources (e.g. "gateway-rebuilder") are hidden in the dashboard too.
    private static bool IsHiddenFromDashboard(CustomResourceSnapshot snapshot) => snapshot.IsHidden;
}
