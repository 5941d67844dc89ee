using HeadCt.Gateway.Features.Ingest;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>The 202 body of POST /upload.</summary>
public sealed record UploadResponse(
    string Id,
    string Status,
    IReadOnlyList<AcceptedInstance> Accepted,
    IReadOnlyList<RejectedFile> Rejected);
