namespace HeadCt.Gateway.Features.Upload;

/// <summary>How an upload ended; the API maps each case to one status code.</summary>
public abstract record UploadOutcome
{
    public sealed record Accepted(UploadResponse Response, bool Replayed) : UploadOutcome;

    public sealed record NoDicom(IReadOnlyList<Ingest.RejectedFile> Rejected) : UploadOutcome;

    public sealed record TooLarge(string Limit, string Detail) : UploadOutcome;

    /// <summary>The Idempotency-Key was first used by this caller for a different request.</summary>
    public sealed record KeyReused : UploadOutcome;

    public sealed record StorageUnavailable : UploadOutcome;

    public sealed record ProcessorUnavailable(Results.ProcessorUnavailableException? Error) : UploadOutcome;
}
