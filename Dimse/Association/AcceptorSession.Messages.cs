using Microsoft.Extensions.Logging;
using System.Buffers;
using System.Diagnostics;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Services;
using HeadCt.Dimse.Telemetry;

namespace HeadCt.Dimse.Association;

/// <summary>
/// The DIMSE side of an established association: PDVs reassembled into command sets and data sets (PS3.7 §6.3.1,
/// PS3.8 Annex E), C-ECHO and C-STORE performed one at a time, and the responses sent.
/// </summary>
internal sealed partial class AcceptorSession
{
    private async ValueTask ReceiveAsync(PresentationDataValue value)
    {
        if (!_info!.Contexts.TryGetValue(value.ContextId, out var context))
            throw new ProtocolViolationException($"A PDV names presentation context {value.ContextId}, which was not accepted.", AbortReason.InvalidPduParameterValue);

        if (_pending is { } pending)
        {
            if (value.IsCommand || value.ContextId != pending.ContextId)
                throw new ProtocolViolationException(
                    $"A {(value.IsCommand ? "command" : "data set")} fragment on context {value.ContextId} arrived while the data set of message {pending.Command.MessageId} on context {pending.ContextId} was incomplete.",
                    AbortReason.UnexpectedPduParameter);
            if (pending.Transfer is { } transfer)
                await transfer.WriteAsync(value.Data, stopping);
            if (value.IsLast)
            {
                if (pending.Transfer is { } finished)
                    await finished.CompleteAsync();
                _pending = null;
                await RespondAsync(pending);
            }

            return;
        }

        if (!value.IsCommand)
            throw new ProtocolViolationException($"A data set fragment on context {value.ContextId} arrived without a command.", AbortReason.UnexpectedPduParameter);
        if (_commandContext is { } open && open != value.ContextId)
            throw new ProtocolViolationException($"A command fragment on context {value.ContextId} continues a command begun on context {open}.", AbortReason.UnexpectedPduParameter);
        if (_command.WrittenCount + value.Data.Length > CommandSet.MaxEncodedLength)
            throw new ProtocolViolationException($"A command set longer than {CommandSet.MaxEncodedLength} bytes.", AbortReason.InvalidPduParameterValue);

        _commandContext = value.ContextId;
        foreach (var segment in value.Data)
            _command.Write(segment.Span);
        if (!value.IsLast)
            return;

        CommandSet command;
        try
        {
            command = CommandSet.Parse(_command.WrittenSpan);
        }
        catch (CommandSetException e)
        {
            throw new ProtocolViolationException("Malformed command set: " + e.Message, AbortReason.InvalidPduParameterValue);
        }
        finally
        {
            _command.Clear();
            _commandContext = null;
        }

        var message = Dispatch(command, context);
        if (command.HasDataSet)
            _pending = message;
        else
            await RespondAsync(message);
    }

    /// <summary>What to do with a request: answer it now, or start storing its data set.</summary>
    private PendingMessage Dispatch(CommandSet command, AcceptedContext context)
    {
        switch (command.CommandField)
        {
            case CommandField.CEchoRequest:
                return Immediate(command, context, context.AbstractSyntax == SopClasses.Verification
                    ? StoreOutcome.Stored
                    : StoreOutcome.Failed(DimseStatus.SopClassNotSupported, "sop-class-not-supported", "C-ECHO is performed on the Verification context only."));
            case CommandField.CStoreRequest:
                return StartStore(command, context);
            case CommandField.CCancelRequest:
                return Immediate(command, context, StoreOutcome.Stored);
            default:
                return Immediate(command, context, StoreOutcome.Failed(DimseStatus.UnrecognizedOperation, "unrecognized-operation",
                    $"Command field {(ushort)command.CommandField:X4}H is not performed by this SCP."));
        }
    }

    private PendingMessage StartStore(CommandSet command, AcceptedContext context)
    {
        if (!command.HasDataSet)
            return Immediate(command, context, StoreOutcome.Failed(DimseStatus.CannotUnderstand, "no-data-set", "The C-STORE-RQ announces no data set."));
        if (command.AffectedSopClassUid != context.AbstractSyntax)
            return Immediate(command, context, StoreOutcome.Failed(DimseStatus.SopClassNotSupported, "sop-class-not-negotiated",
                "The Affected SOP Class UID is not the abstract syntax of the presentation context."));
        if (command.AffectedSopInstanceUid is not { Length: > 0 } instance || command.MessageId is not { } messageId)
            return Immediate(command, context, StoreOutcome.Failed(DimseStatus.CannotUnderstand, "incomplete-command",
                "The C-STORE-RQ lacks its Affected SOP Instance UID or Message ID."));

        var request = new StoreRequest(_info!, context.Id, context.AbstractSyntax, instance, context.TransferSyntax, messageId,
            command.GetString(CommandElement.MoveOriginatorApplicationEntityTitle));
        return new PendingMessage(command, context.Id, null, StoreTransfer.Start(command, request, handler, logger, stopping));
    }

    private static PendingMessage Immediate(CommandSet command, AcceptedContext context, StoreOutcome outcome) =>
        new(command, context.Id, outcome, null);

    private async Task RespondAsync(PendingMessage message)
    {
        var outcome = message.Immediate ?? await message.Transfer!.Outcome;
        if (message.Command.CommandField == CommandField.CStoreRequest)
            Record(message, outcome);
        if (message.Command.CommandField == CommandField.CCancelRequest)
            return;
        var response = CommandSets.Response(message.Command, outcome.Status, outcome.ErrorComment);
        logger.LogInformation("DIAG {Id} responding", _info!.Id);
        await MessageWriter.WriteCommandAsync(_writer, message.ContextId, response, _info!.MaxSendPduLength, stopping);
        logger.LogInformation("DIAG {Id} responded", _info!.Id);
    }

    private void Record(PendingMessage message, StoreOutcome outcome)
    {
        var ok = outcome.Status.IsSuccess || outcome.Status.IsWarning;
        if (ok)
        {
            _stored++;
            telemetry.InstancesReceived.Add(1, new KeyValuePair<string, object?>("dicom.sop_class_uid", message.Command.AffectedSopClassUid));
        }
        else
        {
            _failed++;
            telemetry.InstancesRejected.Add(1, new KeyValuePair<string, object?>("reason", outcome.Reason ?? outcome.Status.ToString()));
            Log.StoreFailed(logger, message.Command.AffectedSopClassUid ?? "-", _info!.Id, outcome.Status.ToString(), outcome.Reason);
        }

        if (message.Transfer is { } transfer)
        {
            telemetry.BytesReceived.Add(transfer.Bytes);
            telemetry.StoreDuration.Record(Stopwatch.GetElapsedTime(transfer.StartedAt).TotalSeconds);
            transfer.Activity?.SetTag("dimse.status", outcome.Status.ToString());
            transfer.Activity?.SetTag("dimse.bytes", transfer.Bytes);
            if (!ok)
                transfer.Activity?.SetStatus(ActivityStatusCode.Error, outcome.Reason);
            transfer.Activity?.Dispose();
        }
    }

    /// <summary>A store still waiting for data set fragments can never complete: its handler is told, and waited for.</summary>
    private async Task FinishPendingAsync()
    {
        if (_pending is not { Transfer: { } transfer } pending)
        {
            _pending = null;
            return;
        }

        _pending = null;
        transfer.Abort("The association ended before the data set was complete.");
        var outcome = await transfer.Outcome;
        Record(pending, outcome with { Reason = "incomplete-data-set" });
    }

    private async Task ReportAsync(End end, Activity? activity, TimeSpan duration)
    {
        if (_holdsSlot)
            limiter?.Exit();
        if (_established)
            telemetry.ActiveAssociations.Add(-1);
        var outcomeName = OutcomeName(end.Outcome);
        activity?.SetTag("dimse.outcome", outcomeName);
        var tags = new TagList { { "role", "scp" }, { "outcome", outcomeName } };
        if (end.Outcome == AssociationOutcome.Rejected)
            tags.Add("reason", end.Detail);
        telemetry.Associations.Add(1, tags);
        if (_info is null)
        {
            Log.EndedBeforeAssociation(logger, remoteAddress, end.Outcome);
            return;
        }

        activity?.SetTag("dicom.calling_ae", _info.CallingAeTitle);
        activity?.SetTag("dicom.called_ae", _info.CalledAeTitle);
        activity?.SetTag("dimse.instances_stored", _stored);
        activity?.SetTag("dimse.instances_failed", _failed);
        Log.Ended(logger, _info.Id, end.Outcome, _stored, _failed, duration.TotalSeconds);
        try
        {
            await handler.AssociationEndedAsync(new AssociationSummary(_info, end.Outcome, end.Detail, _stored, _failed, duration));
        }
        catch (Exception e)
        {
            Log.EndCallbackFailed(logger, _info.Id, e);
        }
    }

    private static string OutcomeName(AssociationOutcome outcome) => outcome switch
    {
        AssociationOutcome.Released => "released",
        AssociationOutcome.Rejected => "rejected",
        AssociationOutcome.AbortedByPeer => "aborted-by-peer",
        AssociationOutcome.AbortedForProtocolError => "aborted-protocol-error",
        AssociationOutcome.AbortedIdle => "aborted-idle",
        AssociationOutcome.TransportClosed => "transport-closed",
        AssociationOutcome.ArtimExpired => "artim-expired",
        _ => "shutdown",
    };
}
