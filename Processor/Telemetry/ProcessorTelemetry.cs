using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HeadCt.Processor.Telemetry;

/// <summary>The processor's spans and metrics (meter and source "HeadCt.Processor").</summary>
public sealed class ProcessorTelemetry : IDisposable
{
    public const string Name = "HeadCt.Processor";

    private readonly Meter _meter;
    private long _queueDepth;
    private long _viewCacheBytes;

    public ProcessorTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        JobDuration = _meter.CreateHistogram<double>("headct.processor.job.duration", unit: "s",
            description: "Time from taking a job off the queue to its result being stored.");
        JobsCompleted = _meter.CreateCounter<long>("headct.processor.jobs.completed", unit: "{job}", description: "Jobs completed.");
        JobsFailed = _meter.CreateCounter<long>("headct.processor.jobs.failed", unit: "{job}",
            description: "Jobs that ended failed (after their last attempt, or unreadable).");
        JobAttemptsFailed = _meter.CreateCounter<long>("headct.processor.job.attempts.failed", unit: "{attempt}",
            description: "Attempts that failed and were put back on the queue.");
        InferenceDuration = _meter.CreateHistogram<double>("headct.processor.inference.duration", unit: "s",
            description: "Preprocessing and model run (with its attention map) for one study.");
        RenderDuration = _meter.CreateHistogram<double>("headct.processor.render.duration", unit: "s",
            description: "Drawing one requested image (projection, slice, heat map or overlay) from a study's view, PNG included.");
        StudiesNotApplicable = _meter.CreateCounter<long>("headct.processor.studies.not_applicable", unit: "{study}",
            description: "Studies the model does not apply to, by failed check (modality, head, sliceThickness, contrast, age, outOfDistribution).");
        ViewRequests = _meter.CreateCounter<long>("headct.processor.views.requested", unit: "{view}",
            description: "Study views asked for by image requests, by source: memory, or storage (rebuilt).");
        ViewRebuildDuration = _meter.CreateHistogram<double>("headct.processor.view.rebuild.duration", unit: "s",
            description: "Rebuilding a study's view (volume and attention) from storage.");
        _meter.CreateObservableGauge("headct.processor.view_cache.size", () => Volatile.Read(ref _viewCacheBytes), unit: "By",
            description: "Memory held by the views of recent studies.");
        _meter.CreateObservableGauge("headct.processor.queue.depth", () => Volatile.Read(ref _queueDepth), unit: "{message}",
            description: "Approximate number of messages on the job queue.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public Histogram<double> JobDuration { get; }
    public Counter<long> JobsCompleted { get; }
    public Counter<long> JobsFailed { get; }
    public Counter<long> JobAttemptsFailed { get; }
    public Histogram<double> InferenceDuration { get; }
    public Histogram<double> RenderDuration { get; }
    public Counter<long> StudiesNotApplicable { get; }
    public Counter<long> ViewRequests { get; }
    public Histogram<double> ViewRebuildDuration { get; }

    public void RecordQueueDepth(long depth) => Volatile.Write(ref _queueDepth, depth);

    public void RecordViewCacheBytes(long bytes) => Volatile.Write(ref _viewCacheBytes, bytes);

    public void Dispose() => _meter.Dispose();
}
