namespace HeadCt.Dimse.Pdus;

/// <summary>Result field of A-ASSOCIATE-RJ (PS3.8 Table 9-21).</summary>
public enum RejectResult : byte
{
    Permanent = 1,
    Transient = 2,
}

/// <summary>Source field of A-ASSOCIATE-RJ (PS3.8 Table 9-21).</summary>
public enum RejectSource : byte
{
    ServiceUser = 1,
    ServiceProviderAcse = 2,
    ServiceProviderPresentation = 3,
}

/// <summary>
/// The result, source and reason of an A-ASSOCIATE-RJ (PS3.8 Table 9-21). The reason's meaning depends on the
/// source, so the valid combinations are the named ones below.
/// </summary>
public readonly record struct AssociationRejection(RejectResult Result, RejectSource Source, byte Reason)
{
    public static AssociationRejection NoReasonGiven { get; } = new(RejectResult.Permanent, RejectSource.ServiceUser, 1);

    public static AssociationRejection ApplicationContextNotSupported { get; } = new(RejectResult.Permanent, RejectSource.ServiceUser, 2);

    public static AssociationRejection CallingAeTitleNotRecognized { get; } = new(RejectResult.Permanent, RejectSource.ServiceUser, 3);

    public static AssociationRejection CalledAeTitleNotRecognized { get; } = new(RejectResult.Permanent, RejectSource.ServiceUser, 7);

    public static AssociationRejection ProtocolVersionNotSupported { get; } = new(RejectResult.Permanent, RejectSource.ServiceProviderAcse, 2);

    public static AssociationRejection TemporaryCongestion { get; } = new(RejectResult.Transient, RejectSource.ServiceProviderPresentation, 1);

    public static AssociationRejection LocalLimitExceeded { get; } = new(RejectResult.Transient, RejectSource.ServiceProviderPresentation, 2);

    /// <summary>A short, stable name for logs and metrics.</summary>
    public string Name => (Source, Reason) switch
    {
        (RejectSource.ServiceUser, 1) => "no-reason-given",
        (RejectSource.ServiceUser, 2) => "application-context-name-not-supported",
        (RejectSource.ServiceUser, 3) => "calling-ae-title-not-recognized",
        (RejectSource.ServiceUser, 7) => "called-ae-title-not-recognized",
        (RejectSource.ServiceProviderAcse, 1) => "no-reason-given",
        (RejectSource.ServiceProviderAcse, 2) => "protocol-version-not-supported",
        (RejectSource.ServiceProviderPresentation, 1) => "temporary-congestion",
        (RejectSource.ServiceProviderPresentation, 2) => "local-limit-exceeded",
        _ => $"source-{(byte)Source}-reason-{Reason}",
    };

    public override string ToString() => $"{Result} rejection by {Source}: {Name}";
}
