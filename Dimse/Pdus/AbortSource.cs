namespace HeadCt.Dimse.Pdus;

/// <summary>Who aborted (PS3.8 Table 9-26, Source).</summary>
public enum AbortSource : byte
{
    /// <summary>The DICOM UL service-user (the application decided).</summary>
    ServiceUser = 0,
    Reserved = 1,

    /// <summary>The DICOM UL service-provider (a protocol error).</summary>
    ServiceProvider = 2,
}

/// <summary>Why the service-provider aborted (PS3.8 Table 9-26, Reason/Diag.); 0 when the source is the service-user.</summary>
public enum AbortReason : byte
{
    NotSpecified = 0,
    UnrecognizedPdu = 1,
    UnexpectedPdu = 2,
    UnrecognizedPduParameter = 4,
    UnexpectedPduParameter = 5,
    InvalidPduParameterValue = 6,
}
