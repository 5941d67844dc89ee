namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>One component of a scan with its entropy tables (ITU T.81 §B.2.3).</summary>
internal sealed record JpegScanComponent(JpegComponent Component, int DcTable, int AcTable);

/// <summary>
/// A scan header (SOS, ITU T.81 §B.2.3). For lossless scans Ss is the predictor selection value and Al the
/// point transform (§H.2.2).
/// </summary>
internal sealed record JpegScanHeader(JpegScanComponent[] Components, int SpectralStart, int SpectralEnd, int ApproximationHigh, int ApproximationLow)
{
    public static JpegScanHeader Parse(ReadOnlySpan<byte> segment, JpegFrameHeader frame, long offset)
    {
        if (segment.Length < 1)
            throw JpegErrors.Corrupt("scan header (SOS) is empty", offset);

        var count = segment[0];
        if (count < 1 || count > frame.Components.Length)
            throw JpegErrors.Corrupt($"scan header declares {count} components, the frame has {frame.Components.Length}", offset);
        if (segment.Length < 4 + 2 * count)
            throw JpegErrors.Corrupt("scan header (SOS) is shorter than its component list", offset);

        var components = new JpegScanComponent[count];
        for (var i = 0; i < count; i++)
        {
            var at = 1 + 2 * i;
            var id = segment[at];
            var component = Array.Find(frame.Components, c => c.Id == id)
                ?? throw JpegErrors.Corrupt($"scan refers to component {id}, which the frame does not declare", offset + at);
            var dcTable = segment[at + 1] >> 4;
            var acTable = segment[at + 1] & 0x0F;
            if (dcTable > 3 || acTable > 3)
                throw JpegErrors.Corrupt($"scan selects Huffman tables {dcTable}/{acTable} (allowed 0 to 3)", offset + at + 1);
            for (var j = 0; j < i; j++)
            {
                if (components[j].Component == component)
                    throw JpegErrors.Corrupt($"component {component.Id} appears twice in one scan", offset + at);
            }

            components[i] = new JpegScanComponent(component, dcTable, acTable);
        }

        var tail = 1 + 2 * count;
        return new JpegScanHeader(components, segment[tail], segment[tail + 1], segment[tail + 2] >> 4, segment[tail + 2] & 0x0F);
    }
}
