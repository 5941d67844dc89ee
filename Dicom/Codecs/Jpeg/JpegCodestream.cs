using System.Buffers.Binary;

namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// Walks the marker segments of one JPEG codestream (ITU T.81 Annex B) and keeps the tables and
/// parameters they define, stopping at each scan so that a scan decoder can take over.
/// </summary>
internal sealed class JpegCodestream
{
    private static ReadOnlySpan<byte> JfifIdentifier => "JFIF\0"u8;
    private static ReadOnlySpan<byte> AdobeIdentifier => "Adobe"u8;

    public JpegHuffmanTable?[] DcTables { get; } = new JpegHuffmanTable?[4];
    public JpegHuffmanTable?[] AcTables { get; } = new JpegHuffmanTable?[4];

    /// <summary>Quantization tables in natural (row-major) order, as read from DQT (§B.2.4.1).</summary>
    public ushort[]?[] QuantizationTables { get; } = new ushort[]?[4];

    /// <summary>Number of MCUs per restart interval; 0 when restart markers are not used (§B.2.4.4).</summary>
    public int RestartInterval { get; private set; }

    public JpegFrameHeader? Frame { get; private set; }

    public bool HasJfifMarker { get; private set; }

    /// <summary>The colour transform flag of an Adobe APP14 segment (0 = none, 1 = YCbCr), null when absent.</summary>
    public int? AdobeTransform { get; private set; }

    /// <summary>Checks the SOI marker and returns the position after it.</summary>
    public static int ReadStartOfImage(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != 0xFF || data[1] != JpegMarkers.StartOfImage)
            throw JpegErrors.Corrupt("the frame does not start with a JPEG SOI marker (FFD8)", 0);
        return 2;
    }

    /// <summary>
    /// Reads marker segments from <paramref name="position"/> up to the next SOS and returns its header,
    /// with <paramref name="position"/> on the first byte of entropy-coded data; returns null at EOI.
    /// </summary>
    public JpegScanHeader? ReadToNextScan(ReadOnlySpan<byte> data, ref int position)
    {
        while (true)
        {
            var markerAt = position;
            if (position + 1 >= data.Length)
                throw JpegErrors.Corrupt("the JPEG stream ends before its EOI marker", data.Length);
            if (data[position] != 0xFF)
                throw JpegErrors.Corrupt($"expected a JPEG marker, found byte 0x{data[position]:X2}", position);

            var marker = data[position + 1];
            position += 2;
            if (marker == 0xFF)
            {
                position--; // fill byte before a marker (§B.1.1.2)
                continue;
            }

            if (marker == JpegMarkers.EndOfImage)
                return null;
            if (JpegMarkers.IsRestart(marker) || marker == JpegMarkers.StartOfImage || marker == 0x01)
                throw JpegErrors.Corrupt($"unexpected marker FF{marker:X2} outside entropy-coded data", markerAt);

            if (position + 2 > data.Length)
                throw JpegErrors.Corrupt($"marker FF{marker:X2} has no length", markerAt);
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
                throw JpegErrors.Corrupt($"marker segment FF{marker:X2} of length {length} does not fit in the frame", position);

            var segmentStart = position + 2;
            var segment = data.Slice(segmentStart, length - 2);
            position += length;

            switch (marker)
            {
                case JpegMarkers.StartOfScan:
                    if (Frame is null)
                        throw JpegErrors.Corrupt("scan (SOS) before any frame header (SOF)", markerAt);
                    return JpegScanHeader.Parse(segment, Frame, segmentStart);
                case JpegMarkers.DefineHuffmanTables:
                    ReadHuffmanTables(segment, segmentStart);
                    break;
                case JpegMarkers.DefineQuantizationTables:
                    ReadQuantizationTables(segment, segmentStart);
                    break;
                case JpegMarkers.DefineRestartInterval:
                    if (segment.Length < 2)
                        throw JpegErrors.Corrupt("DRI segment is too short", segmentStart);
                    RestartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case JpegMarkers.DefineNumberOfLines:
                    throw JpegErrors.Unsupported("JPEG streams that define their height with a DNL marker are not supported", markerAt);
                case JpegMarkers.App0:
                    HasJfifMarker |= segment.StartsWith(JfifIdentifier);
                    break;
                case JpegMarkers.App14:
                    if (segment.Length >= 12 && segment.StartsWith(AdobeIdentifier))
                        AdobeTransform = segment[11];
                    break;
                default:
                    if (JpegMarkers.IsStartOfFrame(marker))
                        ReadFrameHeader(marker, segment, segmentStart, markerAt);
                    break; // APPn, COM and other segments carry nothing the decoder needs
            }
        }
    }

    private void ReadFrameHeader(byte marker, ReadOnlySpan<byte> segment, int segmentStart, int markerAt)
    {
        if (Frame is not null)
            throw JpegErrors.Corrupt("a second frame header (SOF) in one frame", markerAt);
        if (marker is not (JpegMarkers.Sof0Baseline or JpegMarkers.Sof1ExtendedHuffman or JpegMarkers.Sof3LosslessHuffman))
        {
            var process = marker switch
            {
                JpegMarkers.Sof2ProgressiveHuffman => "progressive (SOF2)",
                >= 0xC5 and <= 0xC7 => "hierarchical",
                _ => "arithmetic-coded",
            };
            throw JpegErrors.Unsupported($"{process} JPEG (marker FF{marker:X2}) is not supported: only baseline, extended sequential Huffman and lossless Huffman", markerAt);
        }

        Frame = JpegFrameHeader.Parse(marker, segment, segmentStart);
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> segment, int segmentStart)
    {
        var at = 0;
        while (at < segment.Length)
        {
            if (at + 17 > segment.Length)
                throw JpegErrors.Corrupt("DHT segment is too short for its code counts", segmentStart + at);
            var tableClass = segment[at] >> 4;
            var tableId = segment[at] & 0x0F;
            if (tableClass > 1 || tableId > 3)
                throw JpegErrors.Corrupt($"DHT defines table class {tableClass} id {tableId} (allowed 0-1 / 0-3)", segmentStart + at);

            var counts = segment.Slice(at + 1, 16);
            var total = 0;
            foreach (var count in counts)
                total += count;
            if (total > 256 || at + 17 + total > segment.Length)
                throw JpegErrors.Corrupt($"DHT declares {total} codes, more than the segment holds", segmentStart + at);

            var table = new JpegHuffmanTable(counts, segment.Slice(at + 17, total), segmentStart + at);
            (tableClass == 0 ? DcTables : AcTables)[tableId] = table;
            at += 17 + total;
        }
    }

    private void ReadQuantizationTables(ReadOnlySpan<byte> segment, int segmentStart)
    {
        var at = 0;
        while (at < segment.Length)
        {
            var precision = segment[at] >> 4;
            var tableId = segment[at] & 0x0F;
            if (precision > 1 || tableId > 3)
                throw JpegErrors.Corrupt($"DQT defines precision {precision} table {tableId} (allowed 0-1 / 0-3)", segmentStart + at);
            var entryBytes = precision + 1;
            if (at + 1 + 64 * entryBytes > segment.Length)
                throw JpegErrors.Corrupt("DQT segment is too short for its table", segmentStart + at);

            var table = new ushort[64];
            for (var k = 0; k < 64; k++)
            {
                var valueAt = at + 1 + k * entryBytes;
                table[JpegZigZag.ToNatural[k]] = precision == 0
                    ? segment[valueAt]
                    : BinaryPrimitives.ReadUInt16BigEndian(segment[valueAt..]);
            }

            QuantizationTables[tableId] = table;
            at += 1 + 64 * entryBytes;
        }
    }
}
