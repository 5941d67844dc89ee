using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HeadCt.ServiceDefaults.Storage;

/// <summary>
/// Fails storage calls at once while storage is known to be away. After <see cref="StorageResilience.BreakAfterFailures"/>
/// consecutive tries that got no answer or a server error, every try is refused immediately for
/// <see cref="StorageResilience.BreakDuration"/> (a <see cref="RequestFailedException"/> with status 503 and error code
/// <see cref="CircuitOpenErrorCode"/>, which the SDK does not retry); then one try is let through, and its answer
/// closes or reopens the circuit. Sits per try, inside the SDK's retry policy. One instance per client (blob, queue).
/// </summary>
public sealed class StorageCircuitBreaker(StorageResilience settings, TimeProvider time) : HttpPipelinePolicy
{
    public const string CircuitOpenErrorCode = "HeadCtStorageCircuitOpen";

    private readonly Lock _gate = new();
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private bool _probing;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Admit();
        var outcome = Outcome.Abandoned;
        try
        {
            ProcessNext(message, pipeline);
            outcome = message.Response.Status >= 500 ? Outcome.Failed : Outcome.Answered;
        }
        catch (Exception e) when (e is not OperationCanceledException || !message.CancellationToken.IsCancellationRequested)
        {
            outcome = Outcome.Failed;
            throw;
        }
        finally
        {
            Record(outcome);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Admit();
        var outcome = Outcome.Abandoned;
        try
        {
            await ProcessNextAsync(message, pipeline);
            outcome = message.Response.Status >= 500 ? Outcome.Failed : Outcome.Answered;
        }
        catch (Exception e) when (e is not OperationCanceledException || !message.CancellationToken.IsCancellationRequested)
        {
            outcome = Outcome.Failed;
            throw;
        }
        finally
        {
            Record(outcome);
        }
    }

    private void Admit()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now < _openUntil || (_probing && _consecutiveFailures >= settings.BreakAfterFailures))
            {
                var remaining = _openUntil > now ? _openUntil - now : TimeSpan.Zero;
                throw new RequestFailedException(503,
                    $"Storage did not answer {_consecutiveFailures} times in a row; calls are refused for {remaining.TotalSeconds:0.#} s more.",
                    CircuitOpenErrorCode, null);
            }

            // Past the break: this try is the probe; others wait for its answer by being refused.
            _probing = _consecutiveFailures >= settings.BreakAfterFailures;
        }
    }

    /// <summary>A try the caller cancelled says nothing about storage, but it ends a probe (the next try probes).</summary>
    private void Record(Outcome outcome)
    {
        lock (_gate)
        {
            _probing = false;
            if (outcome == Outcome.Abandoned)
            {
                return;
            }

            if (outcome == Outcome.Answered)
            {
                _consecutiveFailures = 0;
                return;
            }

            if (++_consecutiveFailures >= settings.BreakAfterFailures)
            {
                _openUntil = time.GetUtcNow() + settings.BreakDuration;
            }
        }
    }
}

internal enum Outcome
{
    Answered,
    Failed,
    Abandoned,
}

/// <summary>How storage calls fail fast: the per-try timeout and retries of the SDK, and the circuit breaker.</summary>
public sealed record StorageResilience(TimeSpan NetworkTimeout, int MaxRetries, int BreakAfterFailures, TimeSpan BreakDuration);
