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
        Uploads = _meter.CreateCounter<long>("headct.gateway.uploads", unit: "{upload}", description: "Uploads accepted.");
        UploadedBytes = _meter.CreateCounter<long>("headct.gateway.upload.bytes", unit: "By", description: "DICOM bytes stored.");
        RejectedParts = _meter.CreateCounter<long>("headct.gateway.upload.rejected", unit: "{file}", description: "Uploaded files rejected as not DICOM.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public Counter<long> Uploads { get; }
    public Counter<long> UploadedBytes { get; }
    public Counter<long> RejectedParts { get; }

    public void Dispose() => _meter.Dispose();
}
