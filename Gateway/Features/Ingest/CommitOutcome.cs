using HeadCt.Gateway.Storage;

namespace HeadCt.Gateway.Features.Ingest;

/// <summary>How <see cref="StudyCommit.CommitAsync"/> ended; every case but <see cref="Committed"/> left nothing of the session behind.</summary>
public abstract record CommitOutcome
{
    /// <summary>The study record is written and the job queued.</summary>
    public sealed record Committed(StudyRecord Record) : CommitOutcome;

    /// <summary>A request with the same key and the same fingerprint committed first: its study is the answer.</summary>
    public sealed record Replayed(IdempotencyRecord Earlier) : CommitOutcome;

    /// <summary>The key was first used for a different request (another fingerprint).</summary>
    public sealed record KeyReused : CommitOutcome;

    public sealed record StorageUnavailable : CommitOutcome;

    public sealed record ProcessorUnavailable(Results.ProcessorUnavailableException Error) : CommitOutcome;

    /// <summary>The processor is still processing the study's earlier commit; the reprocess is asked again later.</summary>
    public sealed record ProcessorBusy : CommitOutcome;
}

/// <summary>An idempotency key to bind to the study: its scoped hash and the request's fingerprint.</summary>
public sealed record IdempotencyClaim(string KeyHash, string Fingerprint);
