using HeadCt.Gateway.Features.Ingest;

namespace HeadCt.Gateway.Storage;

/// <summary>
/// A committed study: which instances were stored, how it arrived (<see cref="Source"/>, one of
/// <see cref="IngestSources"/>; null in records written before sources were recorded), and the idempotency record
/// to remove on delete; for a study received over DIMSE, <see cref="Origin"/> says who sent it and over how many
/// associations.
/// </summary>
public sealed record StudyRecord(
    string Id,
    DateTimeOffset CreatedAt,
    IReadOnlyList<AcceptedInstance> Instances,
    string? IdempotencyKeyHash,
    string? Source = null,
    DimseOrigin? Origin = null);
