using HeadCt.Dimse.Association;
using HeadCt.Gateway.Audit;

namespace HeadCt.Gateway.Features.Dimse.Receiving;

/// <summary>
/// Puts every association that reached the request (accepted or rejected) in the audit trail: calling AE (the actor),
/// address, called AE, outcome, instances stored, and the study when it carried one. Never data set content.
/// </summary>
public sealed class AssociationAudit(IAuditTrail trail)
{
    public const string Action = "dimse-association";
    public const string Credential = "dicom-ae";

    public void Record(AssociationSummary summary, IReadOnlyList<string> studyIds)
    {
        var association = summary.Association;
        var auditEvent = new AuditEvent(
            association.Id,
            association.StartedAt + summary.Duration,
            association.CallingAeTitle,
            Credential,
            Action,
            studyIds.Count == 1 ? studyIds[0] : null,
            "A-ASSOCIATE",
            "dicom://" + association.CalledAeTitle,
            StatusOf(summary.Outcome),
            HostOf(association.RemoteAddress),
            association.PeerImplementationVersionName,
            Detail: summary.Outcome == AssociationOutcome.Rejected ? $"rejected: {summary.Detail}" : OutcomeName(summary),
            Instances: summary.InstancesStored);
        trail.Defer(auditEvent); // written through the outbox, retried until stored; the association does not wait
    }

    /// <summary>The association's outcome in the trail's HTTP-style status: 200 released, 403 rejected, 400 protocol error, 408 timed out, 499 aborted or dropped by the peer, 503 stopped.</summary>
    private static int StatusOf(AssociationOutcome outcome) => outcome switch
    {
        AssociationOutcome.Released => 200,
        AssociationOutcome.Rejected => 403,
        AssociationOutcome.AbortedForProtocolError => 400,
        AssociationOutcome.AbortedIdle or AssociationOutcome.ArtimExpired => 408,
        AssociationOutcome.Shutdown => 503,
        _ => 499,
    };

    private static string OutcomeName(AssociationSummary summary) =>
        summary.InstancesFailed > 0 ? $"{summary.Outcome} ({summary.InstancesFailed} refused)" : summary.Outcome.ToString();

    private static string? HostOf(string? endpoint)
    {
        if (endpoint is null)
            return null;
        return System.Net.IPEndPoint.TryParse(endpoint, out var parsed) ? parsed.Address.ToString() : endpoint;
    }
}
