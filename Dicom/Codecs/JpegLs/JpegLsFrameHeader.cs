using System.Buffers.Binary;

namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>The SOF55 frame header (T.87 §5.1.1, T.81 §B.2.2): sample precision, size and component ids.</summary>
internal sealed record JpegLsFrameHeader(int Precision, int Lines, int Columns, byte[] ComponentIds)
{
    public static JpegLsFrameHeader Parse(ReadOnlySpan<byte> segment, int offset)
    {
        if (segment.Length < 6)
            throw JpegLsErrors.Corrupt("SOF55 segment is too short", offset);

        int precision = segment[0];
        int lines = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        int columns = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int componentCount = segment[5];
        if (precision is < 2 or > 16)
            throw JpegLsErrors.Corrupt($"sample precision {precision} is outside 2..16 (T.87 §5.1.1)", offset);
        if (lines == 0)
            throw JpegLsErrors.Unsupported("a frame whose line count is given by a DNL marker is not supported", offset);
        if (columns == 0 || componentCount == 0)
            throw JpegLsErrors.Corrupt("SOF55 declares zero columns or zero components", offset);
        if (segment.Length != 6 + 3 * componentCount)
            throw JpegLsErrors.Corrupt($"SOF55 length does not match its {componentCount} component(s)", offset);

        var ids = new byte[componentCount];
        for (var i = 0; i < componentCount; i++)
        {
            var component = segment.Slice(6 + 3 * i, 3);
            if (component[1] != 0x11)
                throw JpegLsErrors.Unsupported($"component {component[0]} is subsampled (H/V = 0x{component[1]:X2})", offset);
            for (var j = 0; j < i; j++)
                if (ids[j] == component[0])
                    throw JpegLsErrors.Corrupt($"component id {component[0]} appears twice in SOF55", offset);
            ids[i] = component[0];
        }

        return new JpegLsFrameHeader(precision, lines, columns, ids);
    }

    public int IndexOfComponent(byte id) => Array.IndexOf(ComponentIds, id);
}
