using System.Text.Json;
using System.Threading.Channels;
using HeadCt.Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// The one loop that writes the trail. Events waiting at the same moment go into one block (one append), so a flood
/// of requests costs a few appends per second, not one each. An event whose request waits for it is acknowledged
/// when its block is stored, or failed after <see cref="AuditOptions.AppendTimeout"/>; deferred events (the outbox)
/// are retried every <see cref="AuditOptions.RetryInterval"/> until written, oldest first, up to
/// <see cref="AuditOptions.MaxPendingEvents"/>.
/// </summary>
internal sealed class AuditWriter(AuditBlobRoller roller, IOptions<AuditOptions> options, GatewayTelemetry telemetry, ILogger<AuditWriter> logger)
    : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Channel<Pending> _incoming = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<AuditEvent> _outbox = new();
    private long _retryDueAt;

    private AuditOptions Settings => options.Value;

    public Task AppendAsync(AuditEvent auditEvent)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_incoming.Writer.TryWrite(new Pending(auditEvent, stored)))
        {
            stored.SetException(new InvalidOperationException("The audit writer has stopped."));
        }

        return stored.Task.WaitAsync(Settings.AppendTimeout);
    }

    public void Defer(AuditEvent auditEvent)
    {
        if (!_incoming.Writer.TryWrite(new Pending(auditEvent, null)))
        {
            Lost(1);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = await TakeBatchAsync(stoppingToken);
                if (batch.Count > 0)
                {
                    await WriteAsync(batch, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutting down: one last attempt for whatever is left.
        _incoming.Writer.TryComplete();
        var rest = new List<Pending>();
        while (_incoming.Reader.TryRead(out var pending))
        {
            rest.Add(pending);
        }

        rest.InsertRange(0, _outbox.Select(deferred => new Pending(deferred, null)));
        _outbox.Clear();
        for (var start = 0; start < rest.Count; start += Settings.MaxBatchEvents)
        {
            await WriteAsync(rest.GetRange(start, Math.Min(Settings.MaxBatchEvents, rest.Count - start)), CancellationToken.None);
        }

        if (_outbox.Count > 0)
        {
            AuditLog.EventsLostAtShutdown(logger, _outbox.Count);
            Lost(_outbox.Count);
        }
    }

    /// <summary>The outbox's oldest events (when a retry is due) and whatever arrived, up to a batch; waits for one of them.</summary>
    private async Task<List<Pending>> TakeBatchAsync(CancellationToken stoppingToken)
    {
        if (_outbox.Count == 0)
        {
            await _incoming.Reader.WaitToReadAsync(stoppingToken);
        }
        else if (Environment.TickCount64 < _retryDueAt)
        {
            using var due = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            due.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, _retryDueAt - Environment.TickCount64)));
            try
            {
                await _incoming.Reader.WaitToReadAsync(due.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }

        var batch = new List<Pending>();
        while (_outbox.Count > 0 && Environment.TickCount64 >= _retryDueAt && batch.Count < Settings.MaxBatchEvents)
        {
            batch.Add(new Pending(_outbox.Dequeue(), null));
        }

        while (batch.Count < Settings.MaxBatchEvents && _incoming.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        return batch;
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        using var block = new MemoryStream();
        foreach (var pending in batch)
        {
            JsonSerializer.Serialize(block, pending.Event, Json);
            block.WriteByte((byte)'\n');
        }

        using var activity = GatewayTelemetry.ActivitySource.StartActivity("audit append");
        activity?.SetTag("headct.audit.events", batch.Count);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Settings.AppendTimeout);
            await roller.AppendAsync(block.GetBuffer().AsMemory(0, (int)block.Length), timeout.Token);
            _retryDueAt = 0;
            telemetry.AuditEventsWritten.Add(batch.Count);
            telemetry.AuditBlocksWritten.Add(1);
            foreach (var pending in batch)
            {
                pending.Stored?.TrySetResult();
            }
        }
        catch (Exception e)
        {
            var deferred = 0;
            foreach (var pending in batch)
            {
                if (pending.Stored is { } waiter)
                {
                    // The request decides what its event becomes (and defers it with its final status).
                    waiter.TrySetException(e);
                }
                else
                {
                    Keep(pending.Event);
                    deferred++;
                }
            }

            _retryDueAt = Environment.TickCount64 + (long)Settings.RetryInterval.TotalMilliseconds;
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            AuditLog.BatchFailed(logger, batch.Count, deferred, _outbox.Count, e);
        }
    }

    private void Keep(AuditEvent auditEvent)
    {
        _outbox.Enqueue(auditEvent);
        if (_outbox.Count > Settings.MaxPendingEvents)
        {
            _outbox.Dequeue();
            Lost(1);
        }

        telemetry.AuditPending.Record(_outbox.Count);
    }

    private void Lost(int count)
    {
        telemetry.AuditEventsLost.Add(count);
        AuditLog.EventsDropped(logger, count);
    }

    private sealed record Pending(AuditEvent Event, TaskCompletionSource? Stored);
}
