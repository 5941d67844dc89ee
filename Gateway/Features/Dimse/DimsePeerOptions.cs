namespace HeadCt.Gateway.Features.Dimse;

/// <summary>A known DICOM application entity (<c>Dimse:Peers:N</c>).</summary>
public sealed class DimsePeerOptions
{
    public string AeTitle { get; set; } = "";

    /// <summary>Where it listens (needed for role Scp: where we send).</summary>
    public string? Host { get; set; }

    public int Port { get; set; }

    /// <summary>Scu: it may send to us. Scp: we may send to it. Both.</summary>
    public PeerRole Role { get; set; } = PeerRole.Scu;

    public bool MaySendToUs => Role is PeerRole.Scu or PeerRole.Both;

    public bool MayReceiveFromUs => Role is PeerRole.Scp or PeerRole.Both;
}

/// <summary>The role a peer may act in towards us.</summary>
public enum PeerRole
{
    Scu,
    Scp,
    Both,
}
