using System.Collections.Concurrent;
using HeadCt.Gateway.Security.Limits;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// Requests that are refused in bulk (failed authentication, rate limits) are counted, not recorded one by one: one
/// event per action, caller, address, outcome and window (<see cref="AuditOptions.AggregationWindow"/>, a minute) with
/// its <see cref="AuditEvent.Count"/>, written when the window is over (and at shutdown) through the outbox. 1,500
/// wrong keys in a few seconds are one event.
/// </summary>
public sealed class AuditAggregator(IAuditTrail trail, TimeProvider time, IOptions<AuditOptions> options) : BackgroundService
{
    private TimeSpan Window => options.Value.AggregationWindow;

    private readonly ConcurrentDictionary<Key, Tally> _tallies = new();

    public void Count(HttpContext context, string action, int status)
    {
        var user = context.User.Identity;
        var authenticated = user?.IsAuthenticated == true;
        var key = new Key(
            WindowStart(time.GetUtcNow()),
            action,
            authenticated ? user!.Name ?? "(unnamed)" : "(unauthenticated)",
            authenticated ? AuditCredential.Of(context.User) : AuditCredential.Presented(context.Request),
            RequestClass.Address(context),
            status);
        var tally = _tallies.GetOrAdd(key, _ => new Tally(context.Request.Method, context.Request.Path.Value ?? "",
            AuditCredential.UserAgent(context.Request)));
        Interlocked.Increment(ref tally.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Window / 2, time, stoppingToken);
                Flush(before: WindowStart(time.GetUtcNow()));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Flush(before: DateTimeOffset.MaxValue);
    }

    /// <summary>Writes (through the outbox) every tally of a minute that ended before <paramref name="before"/>.</summary>
    internal void Flush(DateTimeOffset before)
    {
        foreach (var key in _tallies.Keys)
        {
            if (key.Window < before && _tallies.TryRemove(key, out var tally))
            {
                trail.Defer(new AuditEvent(Guid.NewGuid().ToString("N"), key.Window, key.Actor, key.Credential, key.Action, null,
                    tally.Method, tally.Path, key.Status, key.Address, tally.UserAgent) { Count = tally.Count });
            }
        }
    }

    /// <summary>The start of the aggregation window <paramref name="now"/> falls in.</summary>
    private DateTimeOffset WindowStart(DateTimeOffset now) =>
        new(now.UtcTicks - now.UtcTicks % Window.Ticks, TimeSpan.Zero);

    private sealed record Key(DateTimeOffset Window, string Action, string Actor, string Credential, string Address, int Status);

    private sealed class Tally(string method, string path, string userAgent)
    {
        public int Count;
        public string Method { get; } = method;
        public string Path { get; } = path;
        public string UserAgent { get; } = userAgent;
    }
}
