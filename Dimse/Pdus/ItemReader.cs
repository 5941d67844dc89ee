using System.Buffers.Binary;
using System.Text;

namespace HeadCt.Dimse.Pdus;

/// <summary>
/// Walks the items of an association PDU (PS3.8 §9.3.1: type, reserved, 16-bit big-endian length, value); every
/// declared length is checked against what remains before it is used.
/// </summary>
internal ref struct ItemReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public bool TryRead(out byte type, out ReadOnlySpan<byte> value)
    {
        if (_rest.IsEmpty)
        {
            type = 0;
            value = default;
            return false;
        }

        if (_rest.Length < 4)
            throw new PduFormatException($"An item header needs 4 bytes, {_rest.Length} remain");
        type = _rest[0];
        var length = BinaryPrimitives.ReadUInt16BigEndian(_rest[2..]);
        if (length > _rest.Length - 4)
            throw new PduFormatException($"Item {type:X2}H declares {length} bytes, {_rest.Length - 4} remain");
        value = _rest.Slice(4, length);
        _rest = _rest[(4 + length)..];
        return true;
    }

    /// <summary>UIDs in PDUs are not padded, but some peers pad with NUL or space (PS3.8 Annex F); both are trimmed.</summary>
    public static string Uid(ReadOnlySpan<byte> value) => Ascii(value).TrimEnd('\0', ' ');

    /// <summary>ASCII, with anything outside printable ASCII shown as '?', so a hostile name cannot reach a log as control characters.</summary>
    public static string Ascii(ReadOnlySpan<byte> value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in value)
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : b == 0 ? '\0' : '?');
        return text.ToString();
    }
}
