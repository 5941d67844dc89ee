namespace HeadCt.Gateway.Features.Dimse.Sending;

/// <summary>Where a send stands: waiting its turn, under way, waiting to retry, done, or given up.</summary>
public enum SendStatus
{
    Queued,
    Sending,
    Retrying,
    Completed,
    Failed,
}

/// <summary>
/// Stored instances on their way to a peer (C-STORE SCU), kept in blob storage so a restart resumes it: which blobs,
/// what happened to each on the last attempt, and the retry state.
/// </summary>
public sealed record SendJob
{
    public required string Id { get; init; }
    public required string StudyId { get; init; }
    public required string Destination { get; init; }
    public SendStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Blob names of the instances, in the DICOM container.</summary>
    public IReadOnlyList<string> Instances { get; init; } = [];

    /// <summary>By blob name: the last outcome of each instance.</summary>
    public IReadOnlyDictionary<string, SentInstance> Results { get; init; } = new Dictionary<string, SentInstance>();

    public string? FailureReason { get; init; }

    public bool IsFinished => Status is SendStatus.Completed or SendStatus.Failed;

    /// <summary>Instances still to (re)send: never sent, or failed in a way worth retrying.</summary>
    public IReadOnlyList<string> Pending => Instances.Where(name => !Results.TryGetValue(name, out var result) || result.Retryable).ToList();
}

/// <summary>One instance's outcome: stored, failed (with the peer's status), refused (no context) or not sent, and why.</summary>
public sealed record SentInstance(string Outcome, string? Status, string? Detail, bool Retryable);
