using System.IO.Pipelines;
using HeadCt.Dimse.Services;
using HeadCt.Dimse.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HeadCt.Dimse.Association;

/// <summary>
/// Serves one transport connection as a DICOM association acceptor (SCP): Verification and Storage over whatever
/// carries the bytes (a Kestrel connection, a socket stream). One instance serves any number of connections.
/// </summary>
public sealed class AssociationAcceptor(
    AcceptorSettings settings,
    IStorageScpHandler handler,
    AssociationLimiter? limiter = null,
    DimseTelemetry? telemetry = null,
    ILogger<AssociationAcceptor>? logger = null)
{
    private readonly PresentationContextNegotiator _negotiator = new(
        settings.AbstractSyntaxes.Append(SopClasses.Verification), settings.TransferSyntaxes);

    private readonly DimseTelemetry _telemetry = telemetry ?? new DimseTelemetry();

    public AcceptorSettings Settings => settings;

    /// <summary>Runs the connection to its end; completes both sides of <paramref name="transport"/> before returning.</summary>
    public Task RunAsync(IDuplexPipe transport, string? remoteAddress, CancellationToken cancellationToken) =>
        new AcceptorSession(settings, handler, _negotiator, limiter, _telemetry,
                (ILogger?)logger ?? NullLogger.Instance, transport, remoteAddress, cancellationToken)
            .RunAsync();
}
