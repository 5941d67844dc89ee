namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>One frame component (ITU T.81 §B.2.2): identifier, sampling factors and quantization table.</summary>
internal sealed record JpegComponent(int Index, int Id, int HorizontalSampling, int VerticalSampling, int QuantizationTable);

/// <summary>A frame header (SOFn, ITU T.81 §B.2.2).</summary>
internal sealed record JpegFrameHeader(byte Marker, int Precision, int Lines, int SamplesPerLine, JpegComponent[] Components)
{
    public bool IsLossless => Marker == JpegMarkers.Sof3LosslessHuffman;

    public int MaxHorizontalSampling { get; } = MaxOf(Components, c => c.HorizontalSampling);

    public int MaxVerticalSampling { get; } = MaxOf(Components, c => c.VerticalSampling);

    public static JpegFrameHeader Parse(byte marker, ReadOnlySpan<byte> segment, long offset)
    {
        if (segment.Length < 6)
            throw JpegErrors.Corrupt("frame header (SOF) is too short", offset);

        var precision = segment[0];
        var lines = (segment[1] << 8) | segment[2];
        var samplesPerLine = (segment[3] << 8) | segment[4];
        var count = segment[5];
        if (count is < 1 or > 4)
            throw JpegErrors.Corrupt($"frame header declares {count} components (1 to 4 supported)", offset + 5);
        if (segment.Length < 6 + 3 * count)
            throw JpegErrors.Corrupt("frame header (SOF) is shorter than its component list", offset);

        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var at = 6 + 3 * i;
            var horizontal = segment[at + 1] >> 4;
            var vertical = segment[at + 1] & 0x0F;
            if (horizontal is < 1 or > 4 || vertical is < 1 or > 4)
                throw JpegErrors.Corrupt($"component {segment[at]} has sampling factors {horizontal}x{vertical} (allowed 1 to 4)", offset + at + 1);
            if (segment[at + 2] > 3)
                throw JpegErrors.Corrupt($"component {segment[at]} selects quantization table {segment[at + 2]} (allowed 0 to 3)", offset + at + 2);
            for (var j = 0; j < i; j++)
            {
                if (components[j].Id == segment[at])
                    throw JpegErrors.Corrupt($"component identifier {segment[at]} appears twice in the frame header", offset + at);
            }

            components[i] = new JpegComponent(i, segment[at], horizontal, vertical, segment[at + 2]);
        }

        return new JpegFrameHeader(marker, precision, lines, samplesPerLine, components);
    }

    private static int MaxOf(JpegComponent[] components, Func<JpegComponent, int> factor)
    {
        var max = 1;
        foreach (var component in components)
            max = Math.Max(max, factor(component));
        return max;
    }
}
