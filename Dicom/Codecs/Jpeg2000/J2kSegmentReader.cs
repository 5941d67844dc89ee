namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>Big-endian reads inside one marker segment; running past its end is a corrupt segment, not an exception of the runtime.</summary>
internal ref struct J2kSegmentReader
{
    private readonly ReadOnlySpan<byte> data;
    private readonly int end;
    private readonly string marker;

    public J2kSegmentReader(ReadOnlySpan<byte> data, int start, int end, string marker)
    {
        this.data = data;
        Position = start;
        this.end = end;
        this.marker = marker;
    }

    public int Position { get; private set; }
    public readonly int Remaining => end - Position;

    public byte U8()
    {
        Need(1);
        return data[Position++];
    }

    public int U16()
    {
        Need(2);
        var value = (data[Position] << 8) | data[Position + 1];
        Position += 2;
        return value;
    }

    public long U32()
    {
        Need(4);
        var value = ((long)data[Position] << 24) | ((long)data[Position + 1] << 16) | ((long)data[Position + 2] << 8) | data[Position + 3];
        Position += 4;
        return value;
    }

    /// <summary>A component index: one byte, two when the image has 257 components or more (T.800 A.6.2).</summary>
    public int Component(int componentCount) => componentCount < 257 ? U8() : U16();

    public readonly DicomException Corrupt(string reason) => J2kErrors.Corrupt($"{marker}: {reason}", Position);

    private readonly void Need(int count)
    {
        if (Position + count > end)
            throw J2kErrors.Corrupt($"{marker} segment ends inside a field", Position);
    }
}
