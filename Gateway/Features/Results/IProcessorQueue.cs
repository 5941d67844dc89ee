using HeadCt.Gateway.Storage;

namespace HeadCt.Gateway.Features.Results;

/// <summary>Hands a stored study to the processor, which queues it durably.</summary>
public interface IProcessorQueue
{
    Task QueueAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>
    /// Queues a study that did not come by upload, recording its source on the result; with <paramref name="reprocess"/>
    /// a study that already has an outcome is processed again. False when the processor is busy with the study (ask later).
    /// </summary>
    Task<bool> QueueAsync(string studyId, StudySource source, bool reprocess, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This queue takes uploads only.");
}
