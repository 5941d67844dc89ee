using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HeadCt.AppHost.Supervision;

/// <summary>
/// Restarts a supervised resource (gateway, processor, cache, storage) whose process ended without anyone asking:
/// killed, crashed, out of memory. It watches Aspire's resource notifications; a resource that was running and reaches
/// a terminal state with no stop request pending gets the start command, after a delay that doubles with each crash in
/// the window, and at most <see cref="SupervisionOptions.MaxRestarts"/> times in it. Stops asked for through the
/// stop command (dashboard, tests) are left alone. Replicas are watched and restarted one by one, by resource id.
/// </summary>
internal sealed partial class ResourceSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    StopRequests stops,
    SupervisedResources supervised,
    IOptions<SupervisionOptions> options,
    TimeProvider time,
    ILogger<ResourceSupervisor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, string?> _lastState = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _restarts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _restarting = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            await foreach (var resourceEvent in notifications.WatchAsync(stoppingToken))
            {
                if (!supervised.Contains(resourceEvent.Resource.Name))
                {
                    continue;
                }

                // Per instance: each replica of a resource runs, ends and is restarted on its own.
                var name = resourceEvent.ResourceId;

                var state = resourceEvent.Snapshot.State?.Text;
                var previous = _lastState.GetValueOrDefault(name);
                _lastState[name] = state;
                if (state == KnownResourceStates.Starting || state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
                {
                    stops.Cleared(name);
                    stops.Cleared(resourceEvent.Resource.Name);
                }

                // A run that ended, or a start (a restart of ours) that failed: DCP reports FailedToStart when the
                // start races the teardown of the killed run, and another attempt then succeeds.
                if (previous == KnownResourceStates.Running && IsEnded(state)
                    || previous == KnownResourceStates.Starting && state == KnownResourceStates.FailedToStart)
                {
                    OnEnded(name, resourceEvent.Resource.Name, state!, resourceEvent.Snapshot.ExitCode, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static bool IsEnded(string? state) =>
        state is not null && (KnownResourceStates.TerminalStates.Contains(state) || state == KnownResourceStates.FailedToStart);

    /// <param name="name">The instance's id.</param>
    /// <param name="resourceName">Its resource's name: a stop asked for by name stops every instance.</param>
    private void OnEnded(string name, string resourceName, string state, int? exitCode, CancellationToken stoppingToken)
    {
        if (stops.IsRequested(name) || stops.IsRequested(resourceName))
        {
            LogStoppedOnRequest(logger, name, state);
            return;
        }

        if (!_restarting.TryAdd(name, true))
        {
            return;
        }

        var now = time.GetUtcNow();
        var settings = options.Value;
        var recent = _restarts.GetOrAdd(name, _ => []);
        int count;
        lock (recent)
        {
            recent.RemoveAll(at => now - at > settings.Window);
            count = recent.Count;
            recent.Add(now);
        }

        if (count >= settings.MaxRestarts)
        {
            _restarting.TryRemove(name, out _);
            LogGivenUp(logger, name, count, settings.Window);
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(settings.MaxDelay.Ticks, settings.FirstDelay.Ticks * (1L << Math.Min(count, 20))));
        LogCrashed(logger, name, state, exitCode, delay, count + 1);
        _ = RestartAsync(name, resourceName, delay, stoppingToken);
    }

    private async Task RestartAsync(string name, string resourceName, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            for (var attempt = 1; attempt <= 5 && !stops.IsRequested(name) && !stops.IsRequested(resourceName); attempt++)
            {
                // DCP may still be tearing the ended run down: then the command fails and is retried shortly.
                var result = await commands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, stoppingToken);
                if (result.Success)
                {
                    LogRestarted(logger, name);
                    return;
                }

                LogRestartFailed(logger, name, attempt, result.Message ?? "no message");
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _restarting.TryRemove(name, out _);
        }
    }

    [LoggerMessage(3000, LogLevel.Warning, "Resource {Resource} ended unasked ({State}, exit code {ExitCode}); restarting in {Delay} (restart {Count} in the window)")]
    private static partial void LogCrashed(ILogger logger, string resource, string state, int? exitCode, TimeSpan delay, int count);

    [LoggerMessage(3001, LogLevel.Information, "Resource {Resource} restarted by the supervisor")]
    private static partial void LogRestarted(ILogger logger, string resource);

    [LoggerMessage(3002, LogLevel.Warning, "Restart {Attempt} of {Resource} failed: {Message}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, int attempt, string message);

    [LoggerMessage(3003, LogLevel.Critical, "Resource {Resource} crashed {Count} times within {Window}; the supervisor leaves it down")]
    private static partial void LogGivenUp(ILogger logger, string resource, int count, TimeSpan window);

    [LoggerMessage(3004, LogLevel.Information, "Resource {Resource} stopped on request ({State}); not restarted")]
    private static partial void LogStoppedOnRequest(ILogger logger, string resource, string state);
}
