using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HeadCt.StudyIndex.Telemetry;

/// <summary>Spans and metrics of the study index (HeadCt.StudyIndex), exported by ServiceDefaults' HeadCt.* wildcard.</summary>
public sealed class IndexTelemetry
{
    public const string Name = "HeadCt.StudyIndex";

    public static readonly ActivitySource ActivitySource = new(Name);

    public IndexTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        Writes = meter.CreateCounter<long>("headct.index.writes", description: "Index writes by kind (study, result, removal).");
        WriteDuration = meter.CreateHistogram<double>("headct.index.write.duration", "ms", "Time to index one study.");
        Queries = meter.CreateHistogram<double>("headct.index.query.duration", "ms", "QIDO-RS and worklist query time by kind.");
        Reconciled = meter.CreateCounter<long>("headct.index.reconciled", description: "Outbox markers the reconciler settled, by kind.");
        WriteFailures = meter.CreateCounter<long>("headct.index.write.failures", description: "Index writes that failed and were left to the reconciler.");
    }

    public Counter<long> Writes { get; }
    public Histogram<double> WriteDuration { get; }
    public Histogram<double> Queries { get; }
    public Counter<long> Reconciled { get; }
    public Counter<long> WriteFailures { get; }
}
