using System.Buffers.Binary;
using System.Text;

namespace HeadCt.Dimse.Messages;

/// <summary>
/// A DIMSE command set (PS3.7 §6.3, §9.3, Annex E): group 0000 elements, always encoded Implicit VR Little Endian
/// whatever the presentation context's transfer syntax (PS3.7 §6.3.1), opened by Command Group Length.
/// </summary>
public sealed class CommandSet
{
    /// <summary>Real command sets are a few hundred bytes; anything near this is an attack or a bug.</summary>
    public const int MaxEncodedLength = 64 * 1024;

    private readonly SortedDictionary<ushort, byte[]> _elements = [];

    public CommandField CommandField => (CommandField)(GetUInt16(CommandElement.CommandField) ?? 0);

    public ushort? MessageId => GetUInt16(CommandElement.MessageId);

    public ushort? MessageIdBeingRespondedTo => GetUInt16(CommandElement.MessageIdBeingRespondedTo);

    public bool HasDataSet => GetUInt16(CommandElement.CommandDataSetType) is { } type && type != CommandElement.NoDataSet;

    public ushort? Status => GetUInt16(CommandElement.Status);

    public string? AffectedSopClassUid => GetString(CommandElement.AffectedSopClassUid);

    public string? AffectedSopInstanceUid => GetString(CommandElement.AffectedSopInstanceUid);

    public string? ErrorComment => GetString(CommandElement.ErrorComment);

    public IEnumerable<ushort> Elements => _elements.Keys;

    public ushort? GetUInt16(ushort element) =>
        _elements.TryGetValue(element, out var value) && value.Length == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(value) : null;

    public string? GetString(ushort element) =>
        _elements.TryGetValue(element, out var value) ? Pdus.ItemReader.Ascii(value).TrimEnd('\0', ' ').TrimStart(' ') : null;

    public CommandSet SetUInt16(ushort element, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        _elements[element] = bytes;
        return this;
    }

    /// <summary>Text padded to even length: UIDs with NUL, other strings with space (PS3.5 §6.2).</summary>
    public CommandSet SetString(ushort element, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length % 2 == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = CommandElement.KindOf(element) == 'I' ? (byte)0 : (byte)' ';
        }

        _elements[element] = bytes;
        return this;
    }

    /// <summary>Implicit VR LE: tag, 32-bit length, value; Command Group Length first, computed here.</summary>
    public byte[] Encode()
    {
        var body = 0;
        foreach (var (element, value) in _elements)
        {
            if (element != CommandElement.CommandGroupLength)
                body += 8 + value.Length;
        }

        var bytes = new byte[12 + body];
        WriteHeader(bytes, CommandElement.CommandGroupLength, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)body);
        var position = 12;
        foreach (var (element, value) in _elements)
        {
            if (element == CommandElement.CommandGroupLength)
                continue;
            WriteHeader(bytes.AsSpan(position), element, value.Length);
            value.CopyTo(bytes, position + 8);
            position += 8 + value.Length;
        }

        return bytes;
    }

    /// <summary>
    /// Reads a command set; every element must be group 0000 in ascending order, lengths must fit, and Command Group
    /// Length must count exactly the bytes that follow it (PS3.7 §E.1).
    /// </summary>
    public static CommandSet Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedLength)
            throw new CommandSetException($"A command set of {bytes.Length} bytes exceeds {MaxEncodedLength}");
        var command = new CommandSet();
        var position = 0;
        var previous = -1;
        long? groupLengthEnd = null;
        while (position < bytes.Length)
        {
            if (bytes.Length - position < 8)
                throw new CommandSetException($"An element header needs 8 bytes at offset {position}, {bytes.Length - position} remain");
            var group = BinaryPrimitives.ReadUInt16LittleEndian(bytes[position..]);
            var element = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(position + 2)..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(position + 4)..]);
            if (group != 0x0000)
                throw new CommandSetException($"Element ({group:X4},{element:X4}) at offset {position} is not in the command group 0000");
            if (element <= previous)
                throw new CommandSetException($"Element (0000,{element:X4}) at offset {position} is out of order or repeated");
            if (length > (uint)(bytes.Length - position - 8))
                throw new CommandSetException($"Element (0000,{element:X4}) declares {length} bytes, {bytes.Length - position - 8} remain");
            var value = bytes.Slice(position + 8, (int)length);
            if (element == CommandElement.CommandGroupLength)
            {
                if (length != 4)
                    throw new CommandSetException($"Command Group Length has {length} bytes, not 4");
                groupLengthEnd = position + 12L + BinaryPrimitives.ReadUInt32LittleEndian(value);
            }
            else if (CommandElement.IsUnsignedShort(element) && length != 2)
            {
                throw new CommandSetException($"Element (0000,{element:X4}) is US and needs 2 bytes, it has {length}");
            }

            command._elements[element] = value.ToArray();
            previous = element;
            position += 8 + (int)length;
        }

        if (groupLengthEnd is null)
            throw new CommandSetException("The command set has no Command Group Length (0000,0000)");
        if (groupLengthEnd != bytes.Length)
            throw new CommandSetException($"Command Group Length ends the group at byte {groupLengthEnd}, the command set has {bytes.Length}");
        if (command.GetUInt16(CommandElement.CommandField) is null)
            throw new CommandSetException("The command set has no Command Field (0000,0100)");
        return command;
    }

    private static void WriteHeader(Span<byte> target, ushort element, int length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(target, 0x0000);
        BinaryPrimitives.WriteUInt16LittleEndian(target[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(target[4..], (uint)length);
    }
}
