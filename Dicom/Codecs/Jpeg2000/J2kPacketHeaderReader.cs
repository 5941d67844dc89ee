namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>Bits of packet headers, MSB first, with a zero bit stuffed after every 0xFF byte (T.800 B.10.1).</summary>
internal ref struct J2kPacketHeaderReader
{
    private readonly ReadOnlySpan<byte> data;
    private readonly long baseOffset;
    private int current;
    private int bitsLeft;

    public J2kPacketHeaderReader(ReadOnlySpan<byte> data, int position, long baseOffset)
    {
        this.data = data;
        Position = position;
        this.baseOffset = baseOffset;
    }

    public int Position { get; private set; }

    public int ReadBit()
    {
        if (bitsLeft == 0)
        {
            if (Position >= data.Length)
                throw J2kErrors.Corrupt("packet header runs past the end of its data", baseOffset + Position);
            bitsLeft = current == 0xFF ? 7 : 8;
            current = data[Position++];
        }
        bitsLeft--;
        return (current >> bitsLeft) & 1;
    }

    public int ReadBits(int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
            value = (value << 1) | ReadBit();
        return value;
    }

    /// <summary>Ends the header on a byte boundary; a header never ends on 0xFF, the stuffed byte after it belongs to it.</summary>
    public void Align()
    {
        if (current == 0xFF && Position < data.Length)
            Position++;
        bitsLeft = 0;
        current = 0;
    }

    /// <summary>Skips an EPH marker (T.800 A.8.2) where the coding style says one follows every header.</summary>
    public void SkipEph()
    {
        if (Position + 1 < data.Length && data[Position] == 0xFF && data[Position + 1] == 0x92)
            Position += 2;
    }
}
