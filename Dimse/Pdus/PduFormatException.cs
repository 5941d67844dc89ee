namespace HeadCt.Dimse.Pdus;

/// <summary>A PDU that cannot be read as the standard defines it; <see cref="Reason"/> is the A-ABORT reason to send.</summary>
public sealed class PduFormatException(string message, AbortReason reason = AbortReason.InvalidPduParameterValue) : Exception(message)
{
    public AbortReason Reason { get; } = reason;
}
