using System.Buffers.Binary;

namespace HeadCt.Dicom.Tests.Support;

/// <summary>Hand-built Explicit VR Little Endian data sets (no preamble, no meta) for crafted-input tests.</summary>
public sealed class DatasetBytes
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    /// <summary>An element with a short (2-byte) length field.</summary>
    public DatasetBytes Short(ushort group, ushort element, string vr, byte[] value) =>
        Tag(group, element).Text(vr).UInt16((ushort)value.Length).Raw(value);

    /// <summary>An element with a 4-byte length field (OB, SQ, UN …) and a declared length that may lie.</summary>
    public DatasetBytes Long(ushort group, ushort element, string vr, uint declaredLength, byte[]? value = null) =>
        Tag(group, element).Text(vr).UInt16(0).UInt32(declaredLength).Raw(value ?? []);

    public DatasetBytes Item(uint declaredLength = 0xFFFFFFFF) => Tag(0xFFFE, 0xE000).UInt32(declaredLength);

    public DatasetBytes ItemEnd() => Tag(0xFFFE, 0xE00D).UInt32(0);

    public DatasetBytes SequenceEnd() => Tag(0xFFFE, 0xE0DD).UInt32(0);

    public DatasetBytes Tag(ushort group, ushort element) => UInt16(group).UInt16(element);

    public DatasetBytes Raw(byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    private DatasetBytes Text(string text) => Raw(System.Text.Encoding.ASCII.GetBytes(text));

    private DatasetBytes UInt16(ushort value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, value);
        return Raw(buffer.ToArray());
    }

    private DatasetBytes UInt32(uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        return Raw(buffer.ToArray());
    }
}
