using System.Buffers.Binary;
using System.Runtime.ExceptionServices;

namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>
/// Walks the markers of a JPEG-LS codestream (T.87 Annex C / D): SOI, SOF55, LSE, DRI, APPn/COM, one or more
/// SOS scans, EOI, and decodes every scan into the destination frame.
/// </summary>
internal static class JpegLsCodestream
{
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfFrameJpegLs = 0xF7;
    private const byte PresetParameters = 0xF8;
    private const byte StartOfScan = 0xDA;
    private const byte DefineRestartInterval = 0xDD;
    private const byte Comment = 0xFE;

    public static void Decode(ReadOnlySpan<byte> data, FrameInfo info, Span<byte> destination)
    {
        if (data.Length < 2 || data[0] != 0xFF || data[1] != StartOfImage)
            throw JpegLsErrors.Corrupt("the frame does not start with an SOI marker", 0);

        JpegLsFrameHeader? frame = null;
        var preset = JpegLsPresetParameters.AllDefault;
        var restartInterval = 0;
        var decoded = Array.Empty<bool>();
        var position = 2;
        while (true)
        {
            var markerOffset = position;
            var marker = ReadMarker(data, ref position);
            if (marker == EndOfImage)
                break;
            if (marker is >= 0xD0 and <= 0xD7 or StartOfImage or 0x01)
                throw JpegLsErrors.Corrupt($"unexpected marker 0xFF{marker:X2}", markerOffset);

            var segment = ReadSegment(data, ref position, marker);
            var segmentOffset = markerOffset + 4;
            switch (marker)
            {
                case StartOfFrameJpegLs:
                    if (frame is not null)
                        throw JpegLsErrors.Corrupt("a second SOF55 marker", markerOffset);
                    frame = JpegLsFrameHeader.Parse(segment, segmentOffset);
                    CheckAgainst(frame, info, segmentOffset);
                    decoded = new bool[frame.ComponentIds.Length];
                    break;
                case PresetParameters:
                    preset = JpegLsPresetParameters.Parse(segment, segmentOffset);
                    break;
                case DefineRestartInterval:
                    restartInterval = ReadRestartInterval(segment, segmentOffset);
                    break;
                case StartOfScan:
                    if (frame is null)
                        throw JpegLsErrors.Corrupt("SOS before SOF55", markerOffset);
                    var scan = JpegLsScanHeader.Parse(segment, frame, segmentOffset);
                    foreach (var component in scan.ComponentIndices)
                    {
                        if (decoded[component])
                            throw JpegLsErrors.Corrupt($"component {frame.ComponentIds[component]} is coded in two scans", segmentOffset);
                        decoded[component] = true;
                    }

                    var parameters = JpegLsCodingParameters.Create(frame.Precision, preset, scan.Near, segmentOffset);
                    position = DecodeScan(data, position, frame, scan, parameters, restartInterval, destination, info.BytesPerSample);
                    break;
                case >= 0xC0 and <= 0xCF:
                    throw JpegLsErrors.Unsupported($"frame marker 0xFF{marker:X2} is not JPEG-LS (SOF55)", markerOffset);
                default:
                    break; // APPn, COM and other segments carry nothing the decoder needs.
            }
        }

        if (frame is null || Array.IndexOf(decoded, false) >= 0)
            throw JpegLsErrors.Corrupt("EOI before every component was decoded", position - 2);
    }

    /// <summary>
    /// Decodes one scan as T.87 specifies; a scan that declares MAXVAL below 2^P - 1 and fails that way is
    /// tried once more the way CharLS codes it (see <see cref="JpegLsCodingParameters.WithFullPrecisionRange"/>).
    /// </summary>
    private static int DecodeScan(
        ReadOnlySpan<byte> data, int start, JpegLsFrameHeader frame, JpegLsScanHeader scan,
        JpegLsCodingParameters parameters, int restartInterval, Span<byte> destination, int bytesPerSample)
    {
        try
        {
            return JpegLsScanDecoder.Decode(data, start, frame, scan, parameters, restartInterval, destination, bytesPerSample);
        }
        catch (DicomException standardError) when (standardError.Kind == DicomErrorKind.CorruptPixelData
            && parameters.MaxVal < (1 << frame.Precision) - 1)
        {
            try
            {
                var fullRange = parameters.WithFullPrecisionRange(frame.Precision);
                return JpegLsScanDecoder.Decode(data, start, frame, scan, fullRange, restartInterval, destination, bytesPerSample);
            }
            catch (DicomException)
            {
                ExceptionDispatchInfo.Throw(standardError);
                throw;
            }
        }
    }

    private static byte ReadMarker(ReadOnlySpan<byte> data, ref int position)
    {
        if (position >= data.Length || data[position] != 0xFF)
            throw JpegLsErrors.Corrupt(position >= data.Length ? "codestream ends without an EOI marker" : "expected a marker", position);
        // T.81 §B.1.1.2: any number of 0xFF fill bytes may precede a marker.
        while (position < data.Length && data[position] == 0xFF)
            position++;
        if (position >= data.Length)
            throw JpegLsErrors.Corrupt("codestream ends inside a marker", position);
        return data[position++];
    }

    private static ReadOnlySpan<byte> ReadSegment(ReadOnlySpan<byte> data, ref int position, byte marker)
    {
        if (position + 2 > data.Length)
            throw JpegLsErrors.Corrupt($"codestream ends inside the 0xFF{marker:X2} segment length", position);
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
        if (length < 2 || position + length > data.Length)
            throw JpegLsErrors.Corrupt($"0xFF{marker:X2} segment length {length} does not fit the codestream", position);
        var segment = data.Slice(position + 2, length - 2);
        position += length;
        return segment;
    }

    private static int ReadRestartInterval(ReadOnlySpan<byte> segment, int offset)
    {
        // T.87 §C.2.5 allows a 2- to 4-byte restart interval.
        if (segment.Length is < 2 or > 4)
            throw JpegLsErrors.Corrupt("DRI segment must hold a 2 to 4 byte interval", offset);
        var interval = 0L;
        foreach (var value in segment)
            interval = (interval << 8) | value;
        return interval > int.MaxValue ? int.MaxValue : (int)interval;
    }

    private static void CheckAgainst(JpegLsFrameHeader frame, FrameInfo info, int offset)
    {
        if (frame.Columns != info.Columns || frame.Lines != info.Rows)
            throw JpegLsErrors.Corrupt(
                $"SOF55 size {frame.Columns}x{frame.Lines} differs from Columns x Rows {info.Columns}x{info.Rows}", offset);
        if (frame.ComponentIds.Length != info.SamplesPerPixel)
            throw JpegLsErrors.Corrupt(
                $"SOF55 has {frame.ComponentIds.Length} component(s) but Samples per Pixel is {info.SamplesPerPixel}", offset);
        if (frame.Precision > 8 * info.BytesPerSample)
            throw JpegLsErrors.Corrupt(
                $"{frame.Precision}-bit samples do not fit Bits Allocated {info.BitsAllocated}", offset);
    }
}
