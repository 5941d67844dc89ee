namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>How the components of one scan are interleaved (T.87 §C.2.3, ILV).</summary>
internal enum JpegLsInterleave
{
    None = 0,
    Line = 1,
    Sample = 2,
}

/// <summary>The SOS header of a JPEG-LS scan (T.87 §5.1.2): its components (frame indices), NEAR and ILV.</summary>
internal sealed record JpegLsScanHeader(int[] ComponentIndices, int Near, JpegLsInterleave Interleave)
{
    public static JpegLsScanHeader Parse(ReadOnlySpan<byte> segment, JpegLsFrameHeader frame, int offset)
    {
        if (segment.Length < 1)
            throw JpegLsErrors.Corrupt("SOS segment is too short", offset);
        int count = segment[0];
        if (count == 0 || segment.Length != 1 + 2 * count + 3)
            throw JpegLsErrors.Corrupt($"SOS length does not match its {count} component(s)", offset);

        var indices = new int[count];
        for (var i = 0; i < count; i++)
        {
            var id = segment[1 + 2 * i];
            var index = frame.IndexOfComponent(id);
            if (index < 0)
                throw JpegLsErrors.Corrupt($"SOS names component {id}, which SOF55 does not declare", offset);
            if (Array.IndexOf(indices, index, 0, i) >= 0)
                throw JpegLsErrors.Corrupt($"SOS names component {id} twice", offset);
            if (segment[2 + 2 * i] != 0)
                throw JpegLsErrors.Unsupported("scans that use a mapping table (palette) are not supported", offset);
            indices[i] = index;
        }

        var tail = segment[(1 + 2 * count)..];
        int near = tail[0];
        int interleave = tail[1];
        if (interleave > 2)
            throw JpegLsErrors.Corrupt($"interleave mode {interleave} is not 0, 1 or 2", offset);
        if (interleave == 0 && count != 1)
            throw JpegLsErrors.Corrupt("a non-interleaved scan must hold exactly one component", offset);
        if ((tail[2] & 0x0F) != 0)
            throw JpegLsErrors.Unsupported("point transform (Al > 0) is not supported", offset);

        return new JpegLsScanHeader(indices, near, (JpegLsInterleave)interleave);
    }
}
