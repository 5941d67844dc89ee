using HeadCt.Gateway.Features.Ingest;

namespace HeadCt.Gateway.Storage;

/// <summary>
/// What an idempotency key (scoped to its caller) was first used for: the request's fingerprint (a hash of its
/// files, so a different body under the same key is recognised) and the study it created.
/// </summary>
public sealed record IdempotencyRecord(
    string Fingerprint,
    string StudyId,
    IReadOnlyList<AcceptedInstance> Accepted,
    IReadOnlyList<RejectedFile> Rejected);
