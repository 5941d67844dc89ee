using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using HeadCt.Dicom;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Services;
using HeadCt.Dimse.Telemetry;
using HeadCt.Dimse.Transport;
using Microsoft.Extensions.Logging;

namespace HeadCt.Dimse.Association;

/// <summary>
/// The acceptor side of one transport connection, following the state machine of PS3.8 §9.2: Sta2 (ARTIM) →
/// Sta3 → Sta6 (P-DATA, release, abort) → Sta13 (ARTIM) → closed. Each wrong PDU gets the table's answer:
/// AA-1 before association, AA-8 after, AA-2/AA-3/AA-4/AA-5 on abort and close.
/// </summary>
internal sealed partial class AcceptorSession(
    AcceptorSettings settings,
    IStorageScpHandler handler,
    PresentationContextNegotiator negotiator,
    AssociationLimiter? limiter,
    DimseTelemetry telemetry,
    ILogger logger,
    IDuplexPipe transport,
    string? remoteAddress,
    CancellationToken stopping)
{
    private readonly PduReader _reader = new(transport.Input);
    private readonly PduWriter _writer = new(transport.Output);
    private readonly ArrayBufferWriter<byte> _command = new(512);
    private byte? _commandContext;
    private PendingMessage? _pending;
    private AssociationInfo? _info;
    private bool _holdsSlot;
    private bool _established;
    private int _stored;
    private int _failed;

    public AssociationState State { get; private set; } = AssociationState.AwaitingAssociateRequest;

    private readonly record struct End(AssociationOutcome Outcome, string? Detail);

    public async Task RunAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = DimseTelemetry.ActivitySource.StartActivity("dimse association", ActivityKind.Server);
        activity?.SetTag("net.peer.address", remoteAddress);
        var end = new End(AssociationOutcome.TransportClosed, null);
        try
        {
            end = await RunStatesAsync();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            end = new End(AssociationOutcome.Shutdown, "The service is stopping.");
            await TrySendAsync(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // A reset connection (Kestrel reports it as an IOException) or one read after it closed.
            end = new End(AssociationOutcome.TransportClosed, e.Message);
        }
        finally
        {
            State = AssociationState.Idle;
            await FinishPendingAsync();
            await transport.Output.CompleteAsync();
            await transport.Input.CompleteAsync();
            await ReportAsync(end, activity, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<End> RunStatesAsync()
    {
        AssociateRequestPdu request;
        using (var artim = Timer(settings.ArtimTimeout))
        {
            PduHeader? read;
            try
            {
                read = await _reader.ReadHeaderAsync(artim.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return new End(AssociationOutcome.ArtimExpired, "No A-ASSOCIATE-RQ arrived within the ARTIM timeout."); // Evt18: AA-2
            }

            if (read is not { } header)
                return new End(AssociationOutcome.TransportClosed, "Closed before an A-ASSOCIATE-RQ."); // Evt17: AA-5
            if (header.RawType == (byte)PduType.Abort)
                return new End(AssociationOutcome.AbortedByPeer, "A-ABORT before association."); // Evt16: AA-2
            if (header.RawType != (byte)PduType.AssociateRequest)
                return await AbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified, $"PDU type {header.RawType:X2}H before A-ASSOCIATE-RQ."); // AA-1
            if (header.Length > settings.MaxAssociationPduLength)
                return await AbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified,
                    $"An A-ASSOCIATE-RQ of {header.Length} bytes exceeds {settings.MaxAssociationPduLength}."); // Evt19: AA-1

            ReadOnlySequence<byte> body;
            try
            {
                body = await _reader.ReadBodyAsync(artim.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return new End(AssociationOutcome.ArtimExpired, "The A-ASSOCIATE-RQ did not arrive whole within the ARTIM timeout.");
            }

            try
            {
                request = PduDecoder.DecodeAssociateRequest(body.ToArray());
            }
            catch (PduFormatException e)
            {
                return await AbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified, "Malformed A-ASSOCIATE-RQ: " + e.Message); // Evt19: AA-1
            }

            _reader.Consume();
        }

        State = AssociationState.AwaitingLocalAssociateResponse;
        var results = negotiator.Negotiate(request.PresentationContexts);
        var peerMax = request.UserInformation.MaxPduLength;
        _info = new AssociationInfo
        {
            Id = Guid.NewGuid().ToString("N"),
            CallingAeTitle = request.CallingAeTitle,
            CalledAeTitle = request.CalledAeTitle,
            RemoteAddress = remoteAddress,
            PeerImplementationClassUid = request.UserInformation.ImplementationClassUid,
            PeerImplementationVersionName = request.UserInformation.ImplementationVersionName,
            Contexts = AssociationInfo.Accepted(request.PresentationContexts, results),
            MaxSendPduLength = peerMax == 0 ? settings.MaxSendPduLength : Math.Min(peerMax, settings.MaxSendPduLength),
        };

        if (Evaluate(request) is { } rejection)
        {
            await _writer.WriteAsync(new AssociateRejectPdu(rejection), stopping); // AE-8
            Log.Rejected(logger, request.CallingAeTitle, remoteAddress, request.CalledAeTitle, rejection.Name);
            State = AssociationState.AwaitingTransportClose;
            await AwaitCloseAsync();
            return new End(AssociationOutcome.Rejected, rejection.Name);
        }

        var accept = new AssociateAcceptPdu(1, request.CalledAeTitle, request.CallingAeTitle, PduEncoder.DicomApplicationContext, results,
            new UserInformation(settings.MaxPduLength, DicomImplementation.ClassUid, DicomImplementation.VersionName,
                // PS3.7 §D.3.3.3: we perform one operation at a time, so a proposed window is answered 1/1.
                request.UserInformation.AsyncOperations is null ? null : new AsyncOperationsWindow(1, 1),
                negotiator.AnswerRoles(request.UserInformation.RoleSelections), []));
        await _writer.WriteAsync(accept, stopping); // AE-7
        State = AssociationState.Established;
        _established = true;
        telemetry.ActiveAssociations.Add(1);
        Log.Accepted(logger, _info.Id, _info.CallingAeTitle, remoteAddress, _info.CalledAeTitle, _info.Contexts.Count, results.Count);
        return await ServeAsync();
    }

    /// <summary>AE-6: acceptable to the provider (version, context, called AE), then to the application, then within the limit.</summary>
    private AssociationRejection? Evaluate(AssociateRequestPdu request)
    {
        if ((request.ProtocolVersion & 0x0001) == 0)
            return AssociationRejection.ProtocolVersionNotSupported;
        if (request.ApplicationContextName != PduEncoder.DicomApplicationContext)
            return AssociationRejection.ApplicationContextNotSupported;
        if (!settings.AcceptAnyCalledAeTitle && !AeTitle.AreEqual(request.CalledAeTitle, settings.AeTitle))
            return AssociationRejection.CalledAeTitleNotRecognized;
        if (!AeTitle.IsValid(request.CallingAeTitle))
            return AssociationRejection.CallingAeTitleNotRecognized;
        if (handler.Admit(_info!) is { } refused)
            return refused;
        if (limiter is not null)
        {
            if (!limiter.TryEnter())
                return AssociationRejection.LocalLimitExceeded;
            _holdsSlot = true;
        }

        return null;
    }

    /// <summary>Sta6: P-DATA-TF until release, abort, close, idle timeout or a protocol error.</summary>
    private async Task<End> ServeAsync()
    {
        while (true)
        {
            PduHeader? read;
            using (var idle = Timer(settings.IdleTimeout))
            {
                try
                {
                    read = await _reader.ReadHeaderAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    await TrySendAsync(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified));
                    State = AssociationState.AwaitingTransportClose;
                    await AwaitCloseAsync();
                    return new End(AssociationOutcome.AbortedIdle, $"Nothing received for {settings.IdleTimeout.TotalSeconds:F0} s.");
                }
            }

            logger.LogInformation("DIAG {Id} header {Header}", _info!.Id, read);
            if (read is not { } header)
                return new End(AssociationOutcome.TransportClosed, "Closed without A-RELEASE or A-ABORT."); // Evt17: AA-4

            switch (header.RawType)
            {
                case (byte)PduType.DataTransfer:
                    if (header.Length > settings.MaxPduLength)
                        return await AbortAsync(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue,
                            $"A P-DATA-TF of {header.Length} bytes exceeds the negotiated maximum of {settings.MaxPduLength}."); // AA-8
                    if (await ReceiveDataAsync() is { } violation)
                        return violation;
                    break;
                case (byte)PduType.ReleaseRequest:
                    if (header.Length != 4)
                        return await AbortAsync(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue, $"A-RELEASE-RQ of {header.Length} bytes.");
                    await ReadBodyWithinIdleAsync();
                    _reader.Consume();
                    State = AssociationState.AwaitingLocalReleaseResponse; // AR-2
                    await FinishPendingAsync();
                    await _writer.WriteAsync(new ReleaseResponsePdu(), stopping); // AR-4
                    State = AssociationState.AwaitingTransportClose;
                    await AwaitCloseAsync();
                    return new End(AssociationOutcome.Released, null);
                case (byte)PduType.Abort:
                    return new End(AssociationOutcome.AbortedByPeer, "A-ABORT received."); // AA-3
                case (byte)PduType.AssociateRequest or (byte)PduType.AssociateAccept or (byte)PduType.AssociateReject or (byte)PduType.ReleaseResponse:
                    return await AbortAsync(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu, $"Unexpected {(PduType)header.RawType} on an established association."); // AA-8
                default:
                    return await AbortAsync(AbortSource.ServiceProvider, AbortReason.UnrecognizedPdu, $"Unrecognized PDU type {header.RawType:X2}H."); // Evt19: AA-8
            }
        }
    }

    private async Task<End?> ReceiveDataAsync()
    {
        var body = await ReadBodyWithinIdleAsync();
        logger.LogInformation("DIAG {Id} body {Length}", _info!.Id, body.Length);
        try
        {
            foreach (var value in PdvReader.Read(body))
                await ReceiveAsync(value);
        }
        catch (PduFormatException e)
        {
            return await AbortAsync(AbortSource.ServiceProvider, e.Reason, "Malformed P-DATA-TF: " + e.Message);
        }
        catch (ProtocolViolationException e)
        {
            return await AbortAsync(AbortSource.ServiceProvider, e.Reason, e.Message);
        }

        _reader.Consume();
        logger.LogInformation("DIAG {Id} data done", _info!.Id);
        return null;
    }

    /// <summary>A PDU body may be slow to arrive, but never slower than the idle timeout allows.</summary>
    private async Task<ReadOnlySequence<byte>> ReadBodyWithinIdleAsync()
    {
        using var idle = Timer(settings.IdleTimeout);
        try
        {
            return await _reader.ReadBodyAsync(idle.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            throw new TransportClosedException($"A PDU body did not arrive within {settings.IdleTimeout.TotalSeconds:F0} s.");
        }
    }

    /// <summary>AA-1 / AA-8: send A-ABORT, then Sta13 until the peer closes or ARTIM expires.</summary>
    private async Task<End> AbortAsync(AbortSource source, AbortReason reason, string detail)
    {
        Log.AbortedForProtocolError(logger, remoteAddress, State, detail);
        await TrySendAsync(new AbortPdu(source, reason));
        State = AssociationState.AwaitingTransportClose;
        await AwaitCloseAsync();
        return new End(AssociationOutcome.AbortedForProtocolError, detail);
    }

    private async Task TrySendAsync(Pdu pdu)
    {
        try
        {
            using var timeout = new CancellationTokenSource(settings.ArtimTimeout);
            await _writer.WriteAsync(pdu, timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The peer is gone already; there is no one left to tell.
        }
    }

    /// <summary>Sta13: whatever arrives is dropped (AA-6) until the peer closes (AR-5) or ARTIM expires (AA-2).</summary>
    private async Task AwaitCloseAsync()
    {
        using var artim = Timer(settings.ArtimTimeout);
        try
        {
            await _reader.DrainUntilClosedAsync(artim.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
        }
    }

    private CancellationTokenSource Timer(TimeSpan timeout)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            source.CancelAfter(timeout);
        return source;
    }
}
