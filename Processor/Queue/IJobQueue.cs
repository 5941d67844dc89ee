namespace HeadCt.Processor.Queue;

/// <summary>The durable job queue. A job leaves it only by <see cref="CompleteAsync"/>; anything else brings it back.</summary>
public interface IJobQueue
{
    Task EnqueueAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Takes the next job, invisible to others for <paramref name="lease"/>; null when the queue is empty.</summary>
    Task<LeasedJob?> TakeAsync(TimeSpan lease, CancellationToken cancellationToken);

    Task ExtendLeaseAsync(LeasedJob job, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Puts the job back, visible again after <paramref name="delay"/>.</summary>
    Task ReleaseAsync(LeasedJob job, TimeSpan delay, CancellationToken cancellationToken);

    Task CompleteAsync(LeasedJob job, CancellationToken cancellationToken);

    Task<long> GetApproximateDepthAsync(CancellationToken cancellationToken);
}
