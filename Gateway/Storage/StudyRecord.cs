using HeadCt.Gateway.Features.Upload;

namespace HeadCt.Gateway.Storage;

/// <summary>
/// The completed upload: which instances were stored, and the idempotency record to remove on delete; for a study
/// received over DIMSE, its <see cref="Source"/> (null for uploads).
/// </summary>
public sealed record StudyRecord(
    string Id,
    DateTimeOffset CreatedAt,
    IReadOnlyList<AcceptedInstance> Instances,
    string? IdempotencyKeyHash,
    StudySource? Source = null);
