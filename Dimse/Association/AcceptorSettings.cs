namespace HeadCt.Dimse.Association;

/// <summary>How an SCP answers association requests and bounds what each association may cost.</summary>
public sealed class AcceptorSettings
{
    /// <summary>Our AE title: the Called AE Title requests must name.</summary>
    public required string AeTitle { get; init; }

    /// <summary>Accept any Called AE Title (a lab setting; hospitals route by AE title).</summary>
    public bool AcceptAnyCalledAeTitle { get; init; }

    /// <summary>The Maximum Length we announce: the largest P-DATA-TF we accept. A longer one aborts the association.</summary>
    public uint MaxPduLength { get; init; } = 256 * 1024;

    /// <summary>The largest PDU we send when the peer announces no limit (0) or a larger one.</summary>
    public uint MaxSendPduLength { get; init; } = 1024 * 1024;

    /// <summary>Largest A-ASSOCIATE-RQ (and other non-data PDU) we read; a request with 128 contexts is about 40 KB.</summary>
    public int MaxAssociationPduLength { get; init; } = 1024 * 1024;

    /// <summary>The ARTIM timer (PS3.8 §9.1.5): how long a new connection may take to send its A-ASSOCIATE-RQ, and a closing one to close.</summary>
    public TimeSpan ArtimTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An established association that sends nothing for this long is aborted.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Abstract syntaxes (SOP classes) we accept; Verification is always among them.</summary>
    public IReadOnlyCollection<string> AbstractSyntaxes { get; init; } = [SopClasses.Verification, .. SopClasses.HeadCtStorage];

    /// <summary>Transfer syntaxes we accept for every abstract syntax; the requestor's order decides among them.</summary>
    public IReadOnlyCollection<string> TransferSyntaxes { get; init; } = Dimse.TransferSyntaxes.Decodable;
}
