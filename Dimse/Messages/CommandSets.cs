namespace HeadCt.Dimse.Messages;

/// <summary>The command sets this implementation sends (PS3.7 §9.3.1 C-STORE, §9.3.5 C-ECHO, Annex E).</summary>
public static class CommandSets
{
    public static CommandSet EchoRequest(ushort messageId) => new CommandSet()
        .SetString(CommandElement.AffectedSopClassUid, SopClasses.Verification)
        .SetUInt16(CommandElement.CommandField, (ushort)CommandField.CEchoRequest)
        .SetUInt16(CommandElement.MessageId, messageId)
        .SetUInt16(CommandElement.CommandDataSetType, CommandElement.NoDataSet);

    /// <summary>Priority MEDIUM (0000H); Command Data Set Type 0000H (a data set follows).</summary>
    public static CommandSet StoreRequest(ushort messageId, string sopClassUid, string sopInstanceUid) => new CommandSet()
        .SetString(CommandElement.AffectedSopClassUid, sopClassUid)
        .SetUInt16(CommandElement.CommandField, (ushort)CommandField.CStoreRequest)
        .SetUInt16(CommandElement.MessageId, messageId)
        .SetUInt16(CommandElement.Priority, 0x0000)
        .SetUInt16(CommandElement.CommandDataSetType, 0x0000)
        .SetString(CommandElement.AffectedSopInstanceUid, sopInstanceUid);

    /// <summary>
    /// The response to any request: its command field with bit 15 set, the request's SOP class and instance echoed
    /// (when it had them), the status and, for a failure, a comment of at most 64 characters (LO).
    /// </summary>
    public static CommandSet Response(CommandSet request, DimseStatus status, string? errorComment = null)
    {
        var response = new CommandSet()
            .SetUInt16(CommandElement.CommandField, (ushort)((ushort)request.CommandField | 0x8000))
            .SetUInt16(CommandElement.MessageIdBeingRespondedTo, request.MessageId ?? 0)
            .SetUInt16(CommandElement.CommandDataSetType, CommandElement.NoDataSet)
            .SetUInt16(CommandElement.Status, status.Code);
        if (request.AffectedSopClassUid is { Length: > 0 } sopClass)
            response.SetString(CommandElement.AffectedSopClassUid, sopClass);
        if (request.AffectedSopInstanceUid is { Length: > 0 } sopInstance)
            response.SetString(CommandElement.AffectedSopInstanceUid, sopInstance);
        if (!status.IsSuccess && !string.IsNullOrEmpty(errorComment))
            response.SetString(CommandElement.ErrorComment, Comment(errorComment));
        return response;
    }

    /// <summary>LO: 64 characters of the default repertoire, no backslash.</summary>
    private static string Comment(string text)
    {
        var chars = text.Select(c => c is >= ' ' and <= '~' and not '\\' ? c : ' ').ToArray();
        var comment = new string(chars).Trim();
        return comment.Length <= 64 ? comment : comment[..64];
    }
}
