using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HeadCt.Dimse.Telemetry;

/// <summary>
/// Spans and metrics of the DICOM network layer (source and meter "HeadCt.Dimse"): a span per association and per
/// C-STORE, counters of associations by outcome and of instances received, rejected (by reason) and sent.
/// Tags carry AE titles, addresses, SOP class and transfer syntax UIDs and statuses, never data set content.
/// </summary>
public sealed class DimseTelemetry : IDisposable
{
    public const string Name = "HeadCt.Dimse";

    public static ActivitySource ActivitySource { get; } = new(Name);

    private readonly Meter _meter;

    public DimseTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        Associations = _meter.CreateCounter<long>("headct.dimse.associations", unit: "{association}",
            description: "Associations by role (scp, scu) and outcome (released, rejected, aborted-*, transport-closed, artim-expired) and, for rejections, reason.");
        ActiveAssociations = _meter.CreateUpDownCounter<long>("headct.dimse.associations.active", unit: "{association}",
            description: "Associations established and not yet ended.");
        InstancesReceived = _meter.CreateCounter<long>("headct.dimse.instances.received", unit: "{instance}",
            description: "C-STORE requests answered with success or warning.");
        InstancesRejected = _meter.CreateCounter<long>("headct.dimse.instances.rejected", unit: "{instance}",
            description: "C-STORE requests answered with a failure status, by reason.");
        InstancesSent = _meter.CreateCounter<long>("headct.dimse.instances.sent", unit: "{instance}",
            description: "C-STORE requests we sent, by outcome (stored, failed, refused).");
        BytesReceived = _meter.CreateCounter<long>("headct.dimse.bytes.received", unit: "By",
            description: "Data set bytes received in C-STORE requests.");
        StoreDuration = _meter.CreateHistogram<double>("headct.dimse.store.duration", unit: "s",
            description: "From C-STORE-RQ command to response, as SCP.");
    }

    public Counter<long> Associations { get; }
    public UpDownCounter<long> ActiveAssociations { get; }
    public Counter<long> InstancesReceived { get; }
    public Counter<long> InstancesRejected { get; }
    public Counter<long> InstancesSent { get; }
    public Counter<long> BytesReceived { get; }
    public Histogram<double> StoreDuration { get; }

    public void Dispose() => _meter.Dispose();
}
