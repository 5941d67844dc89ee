using System.Diagnostics.Metrics;

namespace HeadCt.Gateway.Features.Dimse;

/// <summary>The gateway's DICOM metrics beyond the network layer's own ("HeadCt.Dimse"): study commits and sends.</summary>
public sealed class DimseGatewayTelemetry : IDisposable
{
    private readonly Meter _meter;

    public DimseGatewayTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Telemetry.GatewayTelemetry.Name);
        StudiesCommitted = _meter.CreateCounter<long>("headct.gateway.dimse.studies.committed", unit: "{study}",
            description: "DIMSE studies committed after their quiet period, by mode (first, reprocess).");
        Sends = _meter.CreateCounter<long>("headct.gateway.dimse.sends", unit: "{send}",
            description: "Study sends (C-STORE SCU) that ended, by outcome (completed, failed).");
    }

    public Counter<long> StudiesCommitted { get; }

    public Counter<long> Sends { get; }

    public void Dispose() => _meter.Dispose();
}
