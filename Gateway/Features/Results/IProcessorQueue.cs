namespace HeadCt.Gateway.Features.Results;

/// <summary>Hands a stored study to the processor, which queues it durably.</summary>
public interface IProcessorQueue
{
    Task QueueAsync(string studyId, CancellationToken cancellationToken);
}
