using HeadCt.Dimse.Pdus;

namespace HeadCt.Dimse.Scu;

/// <summary>The association could not be established or was lost: rejected (with the RJ), aborted, or broken by the peer.</summary>
public sealed class AssociationFailedException(string message, AssociationRejection? rejection = null, bool isTransient = true)
    : Exception(message)
{
    public AssociationRejection? Rejection { get; } = rejection;

    /// <summary>Worth retrying later (a transient rejection, an abort, a lost connection), as opposed to a permanent rejection.</summary>
    public bool IsTransient { get; } = isTransient;
}
