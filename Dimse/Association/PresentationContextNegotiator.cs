using HeadCt.Dimse.Pdus;

namespace HeadCt.Dimse.Association;

/// <summary>
/// Answers the presentation contexts and role selections of a request (PS3.8 §9.3.3.2, PS3.7 §D.3.3.4): a supported
/// abstract syntax gets the first proposed transfer syntax we support; the others are refused with the reason.
/// </summary>
public sealed class PresentationContextNegotiator(IEnumerable<string> abstractSyntaxes, IEnumerable<string> transferSyntaxes)
{
    private readonly HashSet<string> _abstract = new(abstractSyntaxes, StringComparer.Ordinal);
    private readonly HashSet<string> _transfer = new(transferSyntaxes, StringComparer.Ordinal);

    public IReadOnlyList<PresentationContextResult> Negotiate(IReadOnlyList<PresentationContextProposal> proposals)
    {
        var seen = new HashSet<byte>();
        var results = new List<PresentationContextResult>(proposals.Count);
        foreach (var proposal in proposals)
        {
            var echo = proposal.TransferSyntaxes.Count > 0 ? proposal.TransferSyntaxes[0] : TransferSyntaxes.Default;
            if (proposal.Id % 2 == 0 || !seen.Add(proposal.Id))
            {
                // PS3.8 §9.3.2.2: IDs are odd and unique; a broken one cannot be answered meaningfully.
                results.Add(new PresentationContextResult(proposal.Id, PresentationContextOutcome.NoReason, echo));
                continue;
            }

            if (!_abstract.Contains(proposal.AbstractSyntax))
            {
                results.Add(new PresentationContextResult(proposal.Id, PresentationContextOutcome.AbstractSyntaxNotSupported, echo));
                continue;
            }

            var chosen = proposal.TransferSyntaxes.FirstOrDefault(_transfer.Contains);
            results.Add(chosen is null
                ? new PresentationContextResult(proposal.Id, PresentationContextOutcome.TransferSyntaxesNotSupported, echo)
                : new PresentationContextResult(proposal.Id, PresentationContextOutcome.Acceptance, chosen));
        }

        return results;
    }

    /// <summary>
    /// The requestor may act as SCU (send to us) for what we accept; we never take the SCU role on its association
    /// (no C-GET), so every SCP-role proposal is answered 0.
    /// </summary>
    public IReadOnlyList<RoleSelection> AnswerRoles(IReadOnlyList<RoleSelection> proposed) =>
        proposed.Where(role => _abstract.Contains(role.SopClassUid))
            .Select(role => role with { ScpRole = false })
            .ToList();
}
