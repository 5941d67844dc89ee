namespace HeadCt.Dimse.Transport;

/// <summary>The connection ended (PS3.8 Evt17), possibly in the middle of a PDU.</summary>
public sealed class TransportClosedException(string message) : IOException(message);
