using HeadCt.Dimse.Pdus;

namespace HeadCt.Dimse.Association;

/// <summary>An established (or requested) association as the application sees it: who, from where, what was agreed.</summary>
public sealed class AssociationInfo
{
    public required string Id { get; init; }

    public required string CallingAeTitle { get; init; }

    public required string CalledAeTitle { get; init; }

    /// <summary>The peer's IP address (and port), when the transport knows it.</summary>
    public string? RemoteAddress { get; init; }

    public string? PeerImplementationClassUid { get; init; }

    public string? PeerImplementationVersionName { get; init; }

    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Accepted contexts by ID.</summary>
    public IReadOnlyDictionary<byte, AcceptedContext> Contexts { get; init; } = new Dictionary<byte, AcceptedContext>();

    /// <summary>The largest PDU we may send the peer (its announced maximum, capped by ours).</summary>
    public uint MaxSendPduLength { get; init; }

    internal static Dictionary<byte, AcceptedContext> Accepted(
        IReadOnlyList<PresentationContextProposal> proposals, IReadOnlyList<PresentationContextResult> results)
    {
        var accepted = new Dictionary<byte, AcceptedContext>();
        foreach (var result in results.Where(result => result.IsAccepted))
        {
            var proposal = proposals.First(p => p.Id == result.Id);
            accepted[result.Id] = new AcceptedContext(result.Id, proposal.AbstractSyntax, result.TransferSyntax);
        }

        return accepted;
    }
}

/// <summary>An accepted presentation context: its ID, abstract syntax and the one transfer syntax agreed.</summary>
public sealed record AcceptedContext(byte Id, string AbstractSyntax, string TransferSyntax);
