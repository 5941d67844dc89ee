using System.Buffers.Binary;
using HeadCt.Dimse.Pdus;

namespace HeadCt.Dimse.Transport;

/// <summary>The 6 bytes every PDU starts with (PS3.8 §9.3.1): type, reserved, 32-bit big-endian length of the rest.</summary>
public readonly record struct PduHeader(byte RawType, uint Length)
{
    public const int Size = 6;

    public bool IsKnownType => RawType is >= 1 and <= 7;

    public PduType Type => (PduType)RawType;

    public static PduHeader Parse(ReadOnlySpan<byte> bytes) => new(bytes[0], BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]));
}
