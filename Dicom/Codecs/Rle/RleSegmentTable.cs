using System.Buffers.Binary;

namespace HeadCt.Dicom.Codecs.Rle;

/// <summary>The RLE header of one frame: segment count and where each segment starts (PS3.5 §G.5).</summary>
internal readonly ref struct RleSegmentTable
{
    public const int HeaderLength = 64;
    private const int MaxSegments = 15;

    private readonly ReadOnlySpan<byte> _frame;

    private RleSegmentTable(ReadOnlySpan<byte> frame, int count)
    {
        _frame = frame;
        Count = count;
    }

    public int Count { get; }

    public static RleSegmentTable Read(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < HeaderLength)
            throw RleErrors.Corrupt($"the RLE header needs {HeaderLength} bytes but the frame has {frame.Length}", frame.Length);

        var count = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (count is < 1 or > MaxSegments)
            throw RleErrors.Corrupt($"the RLE header declares {count} segments (allowed 1 to {MaxSegments})", 0);

        var table = new RleSegmentTable(frame, (int)count);
        var previousEnd = (long)HeaderLength;
        for (var i = 0; i < table.Count; i++)
        {
            var start = table.StartOf(i);
            // Segments follow the header and each other in order (PS3.5 §G.5); a gap is tolerated.
            if (start < previousEnd || start > frame.Length)
                throw RleErrors.Corrupt($"RLE segment {i + 1} starts at {start}, outside {previousEnd}..{frame.Length}", 4 + 4 * i);
            previousEnd = start;
        }

        return table;
    }

    /// <summary>Offset of segment <paramref name="index"/> (0-based) from the start of the frame.</summary>
    public long StartOf(int index) => BinaryPrimitives.ReadUInt32LittleEndian(_frame[(4 + 4 * index)..]);

    /// <summary>End (exclusive) of segment <paramref name="index"/>: the next segment's start or the end of the frame.</summary>
    public long EndOf(int index) => index + 1 < Count ? StartOf(index + 1) : _frame.Length;
}
