namespace HeadCt.Dimse.Scu;

/// <summary>Where and as whom an SCU associates, and how long it waits at each step.</summary>
public sealed class ScuSettings
{
    public required string CallingAeTitle { get; init; }

    public required string CalledAeTitle { get; init; }

    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>The Maximum Length we announce for PDUs we receive.</summary>
    public uint MaxPduLength { get; init; } = 256 * 1024;

    /// <summary>The largest PDU we send when the peer announces no limit or a larger one.</summary>
    public uint MaxSendPduLength { get; init; } = 1024 * 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for A-ASSOCIATE-AC/RJ and A-RELEASE-RP (the ACSE timeout).</summary>
    public TimeSpan AssociationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a DIMSE response.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
