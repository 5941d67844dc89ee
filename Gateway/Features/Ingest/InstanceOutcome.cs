namespace HeadCt.Gateway.Features.Ingest;

/// <summary>What became of one instance given to <see cref="InstanceIngest.IngestAsync"/>.</summary>
public abstract record InstanceOutcome
{
    /// <summary>The header as read (original UIDs, before de-identification); null when no header was read.</summary>
    public InstanceHeader? Header { get; init; }

    /// <summary>Stored as <paramref name="BlobName"/>; the instance is listed in the study record once committed.</summary>
    public sealed record Accepted(AcceptedInstance Instance, string BlobName) : InstanceOutcome;

    /// <summary>
    /// Not stored, with the reason. <paramref name="Limit"/> names the configured bound it crossed (an upload answers
    /// 413 for the whole request; C-STORE or STOW may refuse just this instance), null for content that is not
    /// usable DICOM.
    /// </summary>
    public sealed record Rejected(RejectedFile File, string? Limit) : InstanceOutcome;
}
