namespace HeadCt.Dimse.Messages;

/// <summary>
/// A DIMSE status (PS3.7 Annex C; C-STORE's own codes in PS3.4 §B.2.3). Success is 0000H; warnings are 0001H,
/// 0107H, 0116H and Bxxx; Cancel FE00H; Pending FF00H/FF01H; everything else is a failure.
/// </summary>
public readonly record struct DimseStatus(ushort Code)
{
    public static DimseStatus Success { get; } = new(0x0000);

    /// <summary>PS3.7 C.5.4: the operation failed for a reason not otherwise listed.</summary>
    public static DimseStatus ProcessingFailure { get; } = new(0x0110);

    /// <summary>PS3.7 C.5.10: the SOP class of the request is not the presentation context's, or not supported.</summary>
    public static DimseStatus SopClassNotSupported { get; } = new(0x0122);

    /// <summary>PS3.7 C.5.19: a command this SCP does not perform.</summary>
    public static DimseStatus UnrecognizedOperation { get; } = new(0x0211);

    /// <summary>PS3.4 B.2.3: Refused, Out of Resources (A7xx).</summary>
    public static DimseStatus OutOfResources { get; } = new(0xA700);

    /// <summary>PS3.4 B.2.3: Error, Data Set does not match SOP Class (A9xx).</summary>
    public static DimseStatus DataSetDoesNotMatchSopClass { get; } = new(0xA900);

    /// <summary>PS3.4 B.2.3: Error, Cannot understand (Cxxx).</summary>
    public static DimseStatus CannotUnderstand { get; } = new(0xC000);

    public bool IsSuccess => Code == 0x0000;

    public bool IsWarning => Code is 0x0001 or 0x0107 or 0x0116 or (>= 0xB000 and <= 0xBFFF);

    public bool IsPending => Code is 0xFF00 or 0xFF01;

    public bool IsFailure => !IsSuccess && !IsWarning && !IsPending && Code != 0xFE00;

    public override string ToString() => $"{Code:X4}H";
}
