using System.Collections.Concurrent;

namespace HeadCt.AppHost.Supervision;

/// <summary>
/// Resources someone asked to stop (the dashboard's or a test's stop command): their exit is not a crash. Set by the
/// wrapped stop command, cleared when the resource is started again.
/// </summary>
internal sealed class StopRequests
{
    private readonly ConcurrentDictionary<string, bool> _requested = new(StringComparer.Ordinal);

    public void Requested(string resourceName) => _requested[resourceName] = true;

    public void Cleared(string resourceName) => _requested.TryRemove(resourceName, out _);

    public bool IsRequested(string resourceName) => _requested.ContainsKey(resourceName);
}
