namespace HeadCt.Gateway.Features.Upload;

/// <summary>The 202 body of POST /upload.</summary>
public sealed record UploadResponse(
    string Id,
    string Status,
    IReadOnlyList<AcceptedInstance> Accepted,
    IReadOnlyList<RejectedFile> Rejected);

/// <summary>A stored DICOM instance; <see cref="File"/> is the part's file name, or "archive.zip/entry" for zip entries.</summary>
public sealed record AcceptedInstance(string File, string SopInstanceUid, string SeriesInstanceUid, long Size);

/// <summary>A part that is not usable DICOM, with the reason (the role of STOW-RS's Failed SOP Sequence).</summary>
public sealed record RejectedFile(string File, string Reason);
