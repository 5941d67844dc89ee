using System.Buffers;
using System.Diagnostics;
using HeadCt.Dicom;
using HeadCt.Dimse.Association;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Telemetry;
using HeadCt.Dimse.Transport;

namespace HeadCt.Dimse.Scu;

/// <summary>
/// One association as requestor (SCU), PS3.8 Sta4 → Sta5 → Sta6 → Sta7 → closed: operations are performed one at a
/// time (no asynchronous window), each waiting for its response.
/// </summary>
public sealed class ScuAssociation : IAsyncDisposable
{
    private readonly TcpConnection _connection;
    private readonly PduReader _reader;
    private readonly PduWriter _writer;
    private readonly ScuSettings _settings;
    private readonly Activity? _activity;
    private ushort _nextMessageId = 1;

    private ScuAssociation(TcpConnection connection, ScuSettings settings, Activity? activity)
    {
        _connection = connection;
        _settings = settings;
        _activity = activity;
        _reader = new PduReader(connection.Pipe.Input);
        _writer = new PduWriter(connection.Pipe.Output);
    }

    public AssociationState State { get; private set; } = AssociationState.AwaitingTransportConnection;

    /// <summary>Every proposed context's answer, by ID.</summary>
    public IReadOnlyList<PresentationContextResult> Results { get; private set; } = [];

    public IReadOnlyDictionary<byte, AcceptedContext> Accepted { get; private set; } = new Dictionary<byte, AcceptedContext>();

    public string? PeerImplementationClassUid { get; private set; }

    public uint MaxSendPduLength { get; private set; }

    /// <summary>Connects and negotiates; throws <see cref="AssociationFailedException"/> on RJ, abort or a broken answer.</summary>
    public static async Task<ScuAssociation> OpenAsync(
        ScuSettings settings, IReadOnlyList<PresentationContextProposal> proposals, CancellationToken cancellationToken)
    {
        var activity = DimseTelemetry.ActivitySource.StartActivity("dimse association", ActivityKind.Client);
        activity?.SetTag("dicom.calling_ae", settings.CallingAeTitle);
        activity?.SetTag("dicom.called_ae", settings.CalledAeTitle);
        activity?.SetTag("net.peer.address", $"{settings.Host}:{settings.Port}");
        TcpConnection connection;
        try
        {
            connection = await TcpConnection.ConnectAsync(settings.Host, settings.Port, settings.ConnectTimeout, cancellationToken);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "connect failed");
            activity?.Dispose();
            throw new AssociationFailedException($"Could not connect to {settings.Host}:{settings.Port}: {e.Message}");
        }

        var association = new ScuAssociation(connection, settings, activity);
        try
        {
            await association.NegotiateAsync(proposals, cancellationToken);
            return association;
        }
        catch
        {
            await association.CloseAsync();
            throw;
        }
    }

    private async Task NegotiateAsync(IReadOnlyList<PresentationContextProposal> proposals, CancellationToken cancellationToken)
    {
        var request = new AssociateRequestPdu(1, _settings.CalledAeTitle, _settings.CallingAeTitle, PduEncoder.DicomApplicationContext, proposals,
            UserInformation.Of(_settings.MaxPduLength, DicomImplementation.ClassUid, DicomImplementation.VersionName));
        State = AssociationState.AwaitingAssociateResponse;
        await _writer.WriteAsync(request, cancellationToken); // AE-2
        var answer = await ReadControlPduAsync(_settings.AssociationTimeout, cancellationToken);
        switch (answer)
        {
            case AssociateAcceptPdu accept:
                State = AssociationState.Established; // AE-3
                Results = accept.PresentationContexts;
                Accepted = AssociationInfo.Accepted(proposals, accept.PresentationContexts.Where(r => proposals.Any(p => p.Id == r.Id)).ToList());
                PeerImplementationClassUid = accept.UserInformation.ImplementationClassUid;
                var peerMax = accept.UserInformation.MaxPduLength;
                MaxSendPduLength = peerMax == 0 ? _settings.MaxSendPduLength : Math.Min(peerMax, _settings.MaxSendPduLength);
                return;
            case AssociateRejectPdu reject: // AE-4
                throw new AssociationFailedException($"{_settings.CalledAeTitle} rejected the association: {reject.Rejection.Name}.",
                    reject.Rejection, reject.Rejection.Result == RejectResult.Transient);
            case AbortPdu abort: // AA-3
                throw new AssociationFailedException($"{_settings.CalledAeTitle} aborted the association request ({abort.Source}, {abort.Reason}).");
            default: // AA-8
                await TryAbortAsync(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu);
                throw new AssociationFailedException($"{_settings.CalledAeTitle} answered the association request with {answer.Type}.");
        }
    }

    /// <summary>The accepted context for an abstract syntax in one transfer syntax, or null.</summary>
    public AcceptedContext? FindContext(string abstractSyntax, string transferSyntax) =>
        Accepted.Values.FirstOrDefault(c => c.AbstractSyntax == abstractSyntax && c.TransferSyntax == transferSyntax);

    /// <summary>C-ECHO (PS3.7 §9.1.5) on the Verification context.</summary>
    public async Task<DimseStatus> EchoAsync(CancellationToken cancellationToken)
    {
        var context = Accepted.Values.FirstOrDefault(c => c.AbstractSyntax == SopClasses.Verification)
            ?? throw new InvalidOperationException("The Verification SOP class was not accepted on this association.");
        var id = _nextMessageId++;
        await MessageWriter.WriteCommandAsync(_writer, context.Id, CommandSets.EchoRequest(id), MaxSendPduLength, cancellationToken);
        var response = await ReadResponseAsync(id, cancellationToken);
        return new DimseStatus(response.Status ?? 0xFFFF);
    }

    /// <summary>C-STORE (PS3.7 §9.1.1): the data set is streamed as it is, in the context's transfer syntax.</summary>
    public async Task<CommandSet> StoreAsync(
        AcceptedContext context, string sopClassUid, string sopInstanceUid, Stream dataSet, CancellationToken cancellationToken)
    {
        var id = _nextMessageId++;
        using var activity = DimseTelemetry.ActivitySource.StartActivity("dimse c-store", ActivityKind.Client);
        activity?.SetTag("dicom.sop_class_uid", sopClassUid);
        activity?.SetTag("dicom.transfer_syntax_uid", context.TransferSyntax);
        await MessageWriter.WriteCommandAsync(_writer, context.Id, CommandSets.StoreRequest(id, sopClassUid, sopInstanceUid), MaxSendPduLength, cancellationToken);
        var bytes = await MessageWriter.WriteDataSetAsync(_writer, context.Id, dataSet, MaxSendPduLength, cancellationToken,
            padToEvenLength: context.TransferSyntax == HeadCt.Dicom.TransferSyntax.DeflatedExplicitVrLittleEndian.Uid);
        var response = await ReadResponseAsync(id, cancellationToken);
        activity?.SetTag("dimse.bytes", bytes);
        activity?.SetTag("dimse.status", new DimseStatus(response.Status ?? 0xFFFF).ToString());
        return response;
    }

    /// <summary>A-RELEASE-RQ, then A-RELEASE-RP (a release collision is answered with A-RELEASE-RP, PS3.8 AR-8/AR-9).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (State != AssociationState.Established)
            return;
        State = AssociationState.AwaitingReleaseResponse;
        await _writer.WriteAsync(new ReleaseRequestPdu(), cancellationToken); // AR-1
        while (true)
        {
            var answer = await ReadControlPduAsync(_settings.AssociationTimeout, cancellationToken);
            switch (answer)
            {
                case ReleaseResponsePdu: // AR-3
                    State = AssociationState.Idle;
                    _activity?.SetTag("dimse.outcome", "released");
                    await CloseAsync();
                    return;
                case ReleaseRequestPdu:
                    await _writer.WriteAsync(new ReleaseResponsePdu(), cancellationToken);
                    continue;
                case AbortPdu:
                    State = AssociationState.Idle;
                    await CloseAsync();
                    return;
                default:
                    await TryAbortAsync(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu);
                    throw new AssociationFailedException($"{_settings.CalledAeTitle} answered A-RELEASE-RQ with {answer.Type}.");
            }
        }
    }

    /// <summary>Reads P-DATA-TF until the response to <paramref name="messageId"/> is complete (responses carry no data set here).</summary>
    private async Task<CommandSet> ReadResponseAsync(ushort messageId, CancellationToken cancellationToken)
    {
        var command = new ArrayBufferWriter<byte>(256);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_settings.ResponseTimeout);
        while (true)
        {
            var header = await ReadHeaderAsync(limit.Token, "a DIMSE response", cancellationToken);
            if (header.RawType != (byte)PduType.DataTransfer)
            {
                var pdu = await ReadControlBodyAsync(header, limit.Token);
                if (pdu is ReleaseRequestPdu)
                    await _writer.WriteAsync(new ReleaseResponsePdu(), cancellationToken);
                else if (pdu is not AbortPdu)
                    await TryAbortAsync(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu);
                await CloseAsync();
                throw new AssociationFailedException($"{_settings.CalledAeTitle} sent {pdu.Type} instead of a DIMSE response.");
            }

            if (header.Length > _settings.MaxPduLength)
            {
                await TryAbortAsync(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue);
                await CloseAsync();
                throw new AssociationFailedException($"{_settings.CalledAeTitle} sent a P-DATA-TF of {header.Length} bytes, above our maximum {_settings.MaxPduLength}.");
            }

            var body = await _reader.ReadBodyAsync(limit.Token);
            var complete = false;
            foreach (var value in PdvReader.Read(body))
            {
                if (!value.IsCommand)
                    continue; // a data set in a response (not sent for C-STORE/C-ECHO) is not ours to read
                foreach (var segment in value.Data)
                    command.Write(segment.Span);
                complete |= value.IsLast;
            }

            _reader.Consume();
            if (!complete)
                continue;
            var response = CommandSet.Parse(command.WrittenSpan);
            command.Clear();
            if (response.MessageIdBeingRespondedTo == messageId && !new DimseStatus(response.Status ?? 0).IsPending)
                return response;
        }
    }

    private async Task<Pdu> ReadControlPduAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var header = await ReadHeaderAsync(limit.Token, "the association answer", cancellationToken);
        return await ReadControlBodyAsync(header, limit.Token);
    }

    private async Task<PduHeader> ReadHeaderAsync(CancellationToken limit, string waitingFor, CancellationToken caller)
    {
        PduHeader? header;
        try
        {
            header = await _reader.ReadHeaderAsync(limit);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            await TryAbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified);
            await CloseAsync();
            throw new AssociationFailedException($"{_settings.CalledAeTitle} did not send {waitingFor} in time.");
        }
        catch (TransportClosedException e)
        {
            await CloseAsync();
            throw new AssociationFailedException(e.Message);
        }

        if (header is null)
        {
            await CloseAsync();
            throw new AssociationFailedException($"{_settings.CalledAeTitle} closed the connection while we waited for {waitingFor}.");
        }

        return header.Value;
    }

    private async Task<Pdu> ReadControlBodyAsync(PduHeader header, CancellationToken cancellationToken)
    {
        if (!header.IsKnownType || header.Type == PduType.DataTransfer || header.Length > 1024 * 1024)
        {
            await TryAbortAsync(AbortSource.ServiceProvider, header.IsKnownType ? AbortReason.UnexpectedPdu : AbortReason.UnrecognizedPdu);
            await CloseAsync();
            throw new AssociationFailedException($"Unexpected PDU type {header.RawType:X2}H ({header.Length} bytes).");
        }

        var body = await _reader.ReadBodyAsync(cancellationToken);
        try
        {
            return PduDecoder.Decode(header.Type, body.ToArray());
        }
        catch (PduFormatException e)
        {
            await TryAbortAsync(AbortSource.ServiceProvider, e.Reason);
            await CloseAsync();
            throw new AssociationFailedException("Malformed PDU: " + e.Message);
        }
        finally
        {
            _reader.Consume();
        }
    }

    /// <summary>A-ABORT (service-user): used when we give up on the association.</summary>
    public async Task AbortAsync()
    {
        await TryAbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified);
        await CloseAsync();
    }

    private async Task TryAbortAsync(AbortSource source, AbortReason reason)
    {
        if (State == AssociationState.Idle)
            return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _writer.WriteAsync(new AbortPdu(source, reason), timeout.Token);
            _activity?.SetTag("dimse.outcome", "aborted");
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }

    private bool _closed;

    private async Task CloseAsync()
    {
        if (_closed)
            return;
        _closed = true;
        State = AssociationState.Idle;
        await _connection.DisposeAsync();
        _activity?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (State == AssociationState.Established)
            await TryAbortAsync(AbortSource.ServiceUser, AbortReason.NotSpecified);
        await CloseAsync();
    }
}
