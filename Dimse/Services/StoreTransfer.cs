using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Telemetry;
using Microsoft.Extensions.Logging;

namespace HeadCt.Dimse.Services;

/// <summary>
/// One C-STORE in flight on the SCP side: the data set fragments go through a bounded pipe to the handler, which
/// runs alongside the association's reader (so a slow store slows the sender, it never fills our memory).
/// </summary>
internal sealed class StoreTransfer
{
    private const long PauseWriterThreshold = 1 << 20;

    private readonly Pipe _pipe = new(new PipeOptions(
        pauseWriterThreshold: PauseWriterThreshold, resumeWriterThreshold: PauseWriterThreshold / 2, useSynchronizationContext: false));

    private bool _discarding;

    private StoreTransfer(CommandSet command, StoreRequest request, Activity? activity)
    {
        Command = command;
        Request = request;
        Activity = activity;
        Outcome = Task.FromResult(StoreOutcome.Stored);
    }

    public CommandSet Command { get; }

    public StoreRequest Request { get; }

    public Activity? Activity { get; }

    public Task<StoreOutcome> Outcome { get; private set; }

    public long Bytes { get; private set; }

    public long StartedAt { get; } = Stopwatch.GetTimestamp();

    public static StoreTransfer Start(
        CommandSet command, StoreRequest request, IStorageScpHandler handler, ILogger logger, CancellationToken cancellationToken)
    {
        var activity = DimseTelemetry.ActivitySource.StartActivity("dimse c-store", ActivityKind.Server);
        activity?.SetTag("dicom.sop_class_uid", request.SopClassUid);
        activity?.SetTag("dicom.transfer_syntax_uid", request.TransferSyntaxUid);
        activity?.SetTag("dimse.message_id", request.MessageId);
        var transfer = new StoreTransfer(command, request, activity);
        transfer.Outcome = Task.Run(() => transfer.RunHandlerAsync(handler, logger, cancellationToken), CancellationToken.None);
        return transfer;
    }

    /// <summary>Hands one fragment on; after the handler stopped reading, the rest of the data set is dropped.</summary>
    public async ValueTask WriteAsync(ReadOnlySequence<byte> fragment, CancellationToken cancellationToken)
    {
        Bytes += fragment.Length;
        if (_discarding)
            return;
        foreach (var segment in fragment)
            _pipe.Writer.Write(segment.Span);
        var flushed = await _pipe.Writer.FlushAsync(cancellationToken);
        _discarding = flushed.IsCompleted;
    }

    /// <summary>The last fragment arrived.</summary>
    public ValueTask CompleteAsync() => _pipe.Writer.CompleteAsync();

    /// <summary>The data set will never be complete: the handler's next read throws, and it must keep nothing.</summary>
    public void Abort(string why) => _pipe.Writer.Complete(new DataSetAbortedException(why));

    private async Task<StoreOutcome> RunHandlerAsync(IStorageScpHandler handler, ILogger logger, CancellationToken cancellationToken)
    {
        var dataSet = _pipe.Reader.AsStream(leaveOpen: true);
        try
        {
            return await handler.StoreAsync(Request, dataSet, cancellationToken);
        }
        catch (Exception e) when (e is DataSetAbortedException or Transport.TransportClosedException or OperationCanceledException)
        {
            return StoreOutcome.Failed(DimseStatus.ProcessingFailure, "aborted", "The data set did not arrive whole.");
        }
        catch (Exception e)
        {
            Log.HandlerFailed(logger, Request.Association.Id, e);
            return StoreOutcome.Failed(DimseStatus.ProcessingFailure, "handler-error", "The instance could not be stored.");
        }
        finally
        {
            await _pipe.Reader.CompleteAsync();
        }
    }
}
