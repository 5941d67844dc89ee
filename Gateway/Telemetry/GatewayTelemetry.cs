using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HeadCt.Gateway.Telemetry;

/// <summary>The gateway's spans and metrics (meter and source "HeadCt.Gateway").</summary>
public sealed class GatewayTelemetry : IDisposable
{
    public const string Name = "HeadCt.Gateway";

    private readonly Meter _meter;

    public GatewayTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Uploads = _meter.CreateCounter<long>("headct.gateway.uploads", unit: "{upload}", description: "Studies stored, by source.");
        UploadedBytes = _meter.CreateCounter<long>("headct.gateway.upload.bytes", unit: "By", description: "DICOM bytes stored.");
        RejectedParts = _meter.CreateCounter<long>("headct.gateway.upload.rejected", unit: "{file}", description: "Uploaded files rejected as not DICOM.");
        AuditEventsWritten = _meter.CreateCounter<long>("headct.gateway.audit.events", unit: "{event}", description: "Audit events stored.");
        AuditBlocksWritten = _meter.CreateCounter<long>("headct.gateway.audit.blocks", unit: "{block}", description: "Append-blob blocks written (one per batch).");
        AuditEventsLost = _meter.CreateCounter<long>("headct.gateway.audit.lost", unit: "{event}", description: "Audit events dropped (outbox full or shutdown).");
        AuditPending = _meter.CreateHistogram<long>("headct.gateway.audit.pending", unit: "{event}", description: "Audit events waiting for a retry, sampled on each failure.");
        OrphansSwept = _meter.CreateCounter<long>("headct.gateway.sweeper.blobs", unit: "{blob}", description: "Blobs of never-committed uploads removed by the sweeper.");
        ProcessorCallsRefused = _meter.CreateCounter<long>("headct.gateway.processor.refused", unit: "{call}", description: "Processor calls refused at once by the open circuit.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public Counter<long> Uploads { get; }
    public Counter<long> UploadedBytes { get; }
    public Counter<long> RejectedParts { get; }
    public Counter<long> AuditEventsWritten { get; }
    public Counter<long> AuditBlocksWritten { get; }
    public Counter<long> AuditEventsLost { get; }
    public Histogram<long> AuditPending { get; }
    public Counter<long> OrphansSwept { get; }
    public Counter<long> ProcessorCallsRefused { get; }

    public void Dispose() => _meter.Dispose();
}
