using HeadCt.Gateway.Storage;

namespace HeadCt.Gateway.Features.Results;

/// <summary>Hands a stored study to the processor, which queues it durably.</summary>
public interface IProcessorQueue
{
    Task QueueAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>
    /// Queues a study received over DIMSE, recording its source (<paramref name="source"/>, who sent it) on the result;
    /// with <paramref name="reprocess"/> a study that already has an outcome is processed again. False when the processor
    /// is busy with the study (ask later).
    /// </summary>
    Task<bool> QueueAsync(string studyId, string source, DimseOrigin origin, bool reprocess, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This queue takes uploads only.");
}
