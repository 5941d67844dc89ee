using System.Buffers.Binary;

namespace HeadCt.Dimse.Pdus;

/// <summary>Writes a PDU big endian (PS3.8 §9.3.1) into a growing buffer, patching item lengths once their content is known.</summary>
internal sealed class PduBuilder
{
    private byte[] _buffer = new byte[1024];

    public int Length { get; private set; }

    /// <summary>Type, reserved, and a length patched by <see cref="Finish"/>.</summary>
    public static PduBuilder Start(PduType type)
    {
        var builder = new PduBuilder();
        builder.Byte((byte)type);
        builder.Byte(0);
        builder.UInt32(0);
        return builder;
    }

    public byte[] Finish()
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(2), (uint)(Length - 6));
        return _buffer[..Length];
    }

    /// <summary>Writes an item header with a placeholder length; returns where it starts.</summary>
    public int BeginItem(byte type)
    {
        var start = Length;
        Byte(type);
        Byte(0);
        UInt16(0);
        return start;
    }

    public void EndItem(int start)
    {
        var length = Length - start - 4;
        if (length > ushort.MaxValue)
            throw new InvalidOperationException($"Item {_buffer[start]:X2}H would be {length} bytes, more than its 16-bit length field holds");
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(start + 2), (ushort)length);
    }

    public void AsciiItem(byte type, string value)
    {
        var start = BeginItem(type);
        Ascii(value);
        EndItem(start);
    }

    public void Byte(byte value) => Reserve(1)[0] = value;

    public void UInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    public void UInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void Zeros(int count) => Reserve(count).Clear();

    public void Ascii(string value)
    {
        var target = Reserve(value.Length);
        for (var i = 0; i < value.Length; i++)
            target[i] = value[i] < 0x80 ? (byte)value[i] : (byte)'?';
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
