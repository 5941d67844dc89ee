using HeadCt.Gateway.Features.Upload;

namespace HeadCt.Gateway.Storage;

/// <summary>
/// The completed upload: which instances were stored, and the idempotency record to remove on delete. <see cref="Source"/>
/// says how they arrived (null: POST /upload; "stow-rs"), so a rebuilt index says the same.
/// </summary>
public sealed record StudyRecord(
    string Id,
    DateTimeOffset CreatedAt,
    IReadOnlyList<AcceptedInstance> Instances,
    string? IdempotencyKeyHash,
    string? Source = null);
