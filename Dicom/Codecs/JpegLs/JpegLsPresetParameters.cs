using System.Buffers.Binary;

namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>
/// Preset coding parameters from an LSE segment of type 1 (T.87 §C.2.4.1.1); a zero field means "use the default".
/// </summary>
internal sealed record JpegLsPresetParameters(int MaxVal, int T1, int T2, int T3, int Reset)
{
    public static readonly JpegLsPresetParameters AllDefault = new(0, 0, 0, 0, 0);

    public static JpegLsPresetParameters Parse(ReadOnlySpan<byte> segment, int offset)
    {
        if (segment.Length == 0)
            throw JpegLsErrors.Corrupt("empty LSE segment", offset);
        switch (segment[0])
        {
            case 1:
                if (segment.Length != 11)
                    throw JpegLsErrors.Corrupt("LSE preset parameters segment must hold 5 values", offset);
                return new JpegLsPresetParameters(
                    BinaryPrimitives.ReadUInt16BigEndian(segment[1..]),
                    BinaryPrimitives.ReadUInt16BigEndian(segment[3..]),
                    BinaryPrimitives.ReadUInt16BigEndian(segment[5..]),
                    BinaryPrimitives.ReadUInt16BigEndian(segment[7..]),
                    BinaryPrimitives.ReadUInt16BigEndian(segment[9..]));
            case 2 or 3:
                throw JpegLsErrors.Unsupported("LSE mapping tables (palette) are not supported", offset);
            default:
                throw JpegLsErrors.Unsupported($"LSE segment of type {segment[0]} is not supported", offset);
        }
    }
}
