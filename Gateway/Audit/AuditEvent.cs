namespace HeadCt.Gateway.Audit;

/// <summary>
/// One audited request: who (key name or token subject), what, which study, when, from where, and the outcome status.
/// Holds ids and request facts only, never DICOM content, so the trail carries no PHI. An aggregated event (failed
/// authentications, rate-limit refusals) stands for <see cref="Count"/> requests of one source, outcome and minute;
/// its method and path are those of the first of them, its time the start of the minute. A DICOM association is
/// recorded the same way (actor = calling AE title, credential "dicom-ae") with its outcome in <see cref="Detail"/>
/// and the number of instances it stored.
/// </summary>
public sealed record AuditEvent(
    string Id,
    DateTimeOffset Time,
    string Actor,
    string Credential,
    string Action,
    string? StudyId,
    string Method,
    string Path,
    int Status,
    string? RemoteIp,
    string? UserAgent,
    string? Detail = null,
    int? Instances = null)
{
    /// <summary>Requests this event stands for; null for a single request.</summary>
    public int? Count { get; init; }
}
