namespace HeadCt.Dimse.Pdus;

/// <summary>A presentation context item of an A-ASSOCIATE-RQ (PS3.8 §9.3.2.2): one abstract syntax, the transfer syntaxes offered for it.</summary>
public sealed record PresentationContextProposal(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);

/// <summary>Result/Reason of a presentation context in A-ASSOCIATE-AC (PS3.8 Table 9-18).</summary>
public enum PresentationContextOutcome : byte
{
    Acceptance = 0,
    UserRejection = 1,

    /// <summary>Provider rejection, no reason given.</summary>
    NoReason = 2,
    AbstractSyntaxNotSupported = 3,
    TransferSyntaxesNotSupported = 4,
}

/// <summary>A presentation context item of an A-ASSOCIATE-AC (PS3.8 §9.3.3.2); the transfer syntax is meaningful only when accepted.</summary>
public sealed record PresentationContextResult(byte Id, PresentationContextOutcome Outcome, string TransferSyntax)
{
    public bool IsAccepted => Outcome == PresentationContextOutcome.Acceptance;
}
