using System.Buffers.Binary;

namespace HeadCt.Dimse.Pdus;

/// <summary>Decodes and encodes the sub-items of the User Information item (PS3.7 Annex D.3.3, PS3.8 Annex D.1).</summary>
internal static class UserInformationItem
{
    /// <summary>A request without the (mandatory) item: no length limit announced, nothing else.</summary>
    public static readonly UserInformation Missing = new(0, null, null, null, [], []);

    public static UserInformation Decode(ReadOnlySpan<byte> value)
    {
        uint maxLength = 0;
        string? classUid = null, versionName = null;
        AsyncOperationsWindow? window = null;
        var roles = new List<RoleSelection>();
        var ignored = new List<IgnoredUserItem>();
        var items = new ItemReader(value);
        while (items.TryRead(out var type, out var sub))
        {
            switch (type)
            {
                case ItemType.MaximumLength:
                    maxLength = sub.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(sub)
                        : throw new PduFormatException($"The Maximum Length sub-item has {sub.Length} bytes, not 4");
                    break;
                case ItemType.ImplementationClassUid:
                    classUid = ItemReader.Uid(sub);
                    break;
                case ItemType.ImplementationVersionName:
                    versionName = ItemReader.Ascii(sub).Trim();
                    break;
                case ItemType.AsyncOperationsWindow:
                    window = sub.Length == 4
                        ? new AsyncOperationsWindow(BinaryPrimitives.ReadUInt16BigEndian(sub), BinaryPrimitives.ReadUInt16BigEndian(sub[2..]))
                        : throw new PduFormatException($"The Asynchronous Operations Window sub-item has {sub.Length} bytes, not 4");
                    break;
                case ItemType.RoleSelection:
                    roles.Add(Role(sub));
                    break;
                default:
                    ignored.Add(new IgnoredUserItem(type, sub.Length));
                    break;
            }
        }

        return new UserInformation(maxLength, classUid, versionName, window, roles, ignored);
    }

    /// <summary>PS3.7 §D.3.3.4: UID length, UID, SCU-role, SCP-role.</summary>
    private static RoleSelection Role(ReadOnlySpan<byte> sub)
    {
        if (sub.Length < 2)
            throw new PduFormatException("The SCP/SCU Role Selection sub-item is shorter than its UID length field");
        var uidLength = BinaryPrimitives.ReadUInt16BigEndian(sub);
        if (sub.Length != 2 + uidLength + 2)
            throw new PduFormatException($"The SCP/SCU Role Selection sub-item has {sub.Length} bytes for a {uidLength}-byte UID");
        return new RoleSelection(ItemReader.Uid(sub.Slice(2, uidLength)), sub[2 + uidLength] == 1, sub[3 + uidLength] == 1);
    }

    public static void Encode(PduBuilder builder, UserInformation user)
    {
        var start = builder.BeginItem(ItemType.UserInformation);
        var maximum = builder.BeginItem(ItemType.MaximumLength);
        builder.UInt32(user.MaxPduLength);
        builder.EndItem(maximum);
        if (user.ImplementationClassUid is { } classUid)
            builder.AsciiItem(ItemType.ImplementationClassUid, classUid);
        if (user.AsyncOperations is { } window)
        {
            var item = builder.BeginItem(ItemType.AsyncOperationsWindow);
            builder.UInt16(window.MaxInvoked);
            builder.UInt16(window.MaxPerformed);
            builder.EndItem(item);
        }

        foreach (var role in user.RoleSelections)
        {
            var item = builder.BeginItem(ItemType.RoleSelection);
            builder.UInt16((ushort)role.SopClassUid.Length);
            builder.Ascii(role.SopClassUid);
            builder.Byte(role.ScuRole ? (byte)1 : (byte)0);
            builder.Byte(role.ScpRole ? (byte)1 : (byte)0);
            builder.EndItem(item);
        }

        if (user.ImplementationVersionName is { } versionName)
            builder.AsciiItem(ItemType.ImplementationVersionName, versionName);
        builder.EndItem(start);
    }
}
