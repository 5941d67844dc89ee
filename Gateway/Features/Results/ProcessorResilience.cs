using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace HeadCt.Gateway.Features.Results;

/// <summary>
/// How calls to the processor fail fast, replacing the standard handler (30 s total, three retries) for this client:
/// a per-call timeout chosen by the call (<see cref="TimeoutOption"/>: short for documents, long for images), one quick
/// retry of reads, and a circuit breaker that answers at once while the processor is away.
/// </summary>
public static class ProcessorResilience
{
    public const string PipelineName = "processor";

    /// <summary>The timeout of one call, set on its request by <see cref="ProcessorClient"/>.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> TimeoutOption = new("headct.processor.timeout");

    public static IHttpClientBuilder AddProcessorResilience(this IHttpClientBuilder client)
    {
#pragma warning disable EXTEXP0001 // The documented way to replace, for one client, the handler the service defaults add to all.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        client.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<ProcessorClientOptions>>().Value;
            var circuit = context.ServiceProvider.GetRequiredService<ProcessorCircuit>();
            pipeline
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 1,
                    Delay = TimeSpan.FromMilliseconds(200),
                    ShouldHandle = arguments => ValueTask.FromResult(IsRead(arguments.Context) &&
                        HttpClientResiliencePredicates.IsTransient(arguments.Outcome)),
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    ShouldHandle = arguments => ValueTask.FromResult(IsAway(arguments.Outcome)),
                    FailureRatio = settings.BreakFailureRatio,
                    MinimumThroughput = settings.BreakMinimumCalls,
                    SamplingDuration = TimeSpan.FromSeconds(15),
                    BreakDuration = settings.BreakDuration,
                    OnOpened = arguments =>
                    {
                        circuit.Opened(arguments.BreakDuration);
                        return ValueTask.CompletedTask;
                    },
                    OnClosed = _ =>
                    {
                        circuit.Closed();
                        return ValueTask.CompletedTask;
                    },
                })
                .AddTimeout(new TimeoutStrategyOptions
                {
                    TimeoutGenerator = arguments => ValueTask.FromResult(
                        arguments.Context.GetRequestMessage()?.Options.TryGetValue(TimeoutOption, out var timeout) == true
                            ? timeout
                            : settings.CallTimeout),
                });
        });
        return client;
    }

    /// <summary>
    /// What opens the circuit: no answer in time, or 502/503/504. A 500 comes from a processor that is there (an image
    /// it cannot draw) and is answered as it is.
    /// </summary>
    private static bool IsAway(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is not null
            ? outcome.Exception is HttpRequestException or TimeoutRejectedException or OperationCanceledException
            : (int)outcome.Result!.StatusCode is 502 or 503 or 504;

    /// <summary>Only reads are retried: queueing twice would queue the study twice.</summary>
    private static bool IsRead(ResilienceContext context) =>
        context.GetRequestMessage()?.Method is { } method && (method == HttpMethod.Get || method == HttpMethod.Head);

    /// <summary>True when the processor was not even called because the circuit is open.</summary>
    public static bool IsRefusedAtOnce(Exception exception) => exception is BrokenCircuitException or IsolatedCircuitException;
}
