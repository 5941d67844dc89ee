using HeadCt.Dimse.Pdus;

namespace HeadCt.Dimse.Association;

/// <summary>The peer broke the protocol on an established association; answered with A-ABORT (service-provider, <see cref="Reason"/>) per PS3.8 AA-8.</summary>
public sealed class ProtocolViolationException(string message, AbortReason reason) : Exception(message)
{
    public AbortReason Reason { get; } = reason;
}
