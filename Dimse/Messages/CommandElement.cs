namespace HeadCt.Dimse.Messages;

/// <summary>Element numbers of group 0000, the command set (PS3.7 Annex E, Table E.1-1).</summary>
public static class CommandElement
{
    public const ushort CommandGroupLength = 0x0000;
    public const ushort AffectedSopClassUid = 0x0002;
    public const ushort RequestedSopClassUid = 0x0003;
    public const ushort CommandField = 0x0100;
    public const ushort MessageId = 0x0110;
    public const ushort MessageIdBeingRespondedTo = 0x0120;
    public const ushort MoveDestination = 0x0600;
    public const ushort Priority = 0x0700;
    public const ushort CommandDataSetType = 0x0800;
    public const ushort Status = 0x0900;
    public const ushort OffendingElement = 0x0901;
    public const ushort ErrorComment = 0x0902;
    public const ushort ErrorId = 0x0903;
    public const ushort AffectedSopInstanceUid = 0x1000;
    public const ushort RequestedSopInstanceUid = 0x1001;
    public const ushort MoveOriginatorApplicationEntityTitle = 0x1030;
    public const ushort MoveOriginatorMessageId = 0x1031;

    /// <summary>Command Data Set Type (0000,0800) meaning "no data set follows" (PS3.7 §E.1); any other value means one does.</summary>
    public const ushort NoDataSet = 0x0101;

    /// <summary>Elements whose VR is US (one value, 2 bytes).</summary>
    public static bool IsUnsignedShort(ushort element) => element is CommandField or MessageId or MessageIdBeingRespondedTo
        or Priority or CommandDataSetType or Status or ErrorId or MoveOriginatorMessageId
        or 0x1002 or 0x1008 or (>= 0x1020 and <= 0x1023);

    /// <summary>The value representation of each element, which Implicit VR does not carry (PS3.7 Table E.1-1).</summary>
    public static char KindOf(ushort element) => element switch
    {
        AffectedSopClassUid or RequestedSopClassUid or AffectedSopInstanceUid or RequestedSopInstanceUid => 'I', // UI
        MoveDestination or MoveOriginatorApplicationEntityTitle => 'A', // AE
        ErrorComment => 'L', // LO
        CommandGroupLength => 'U', // UL
        OffendingElement => 'T', // AT
        _ => 'B', // US and the other binary values
    };
}
