namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// One code-block: its place in the subband, what the packet headers said of it so far, and its codeword
/// segments gathered over all layers (T.800 B.7, B.10.7).
/// </summary>
internal sealed class J2kCodeBlock(int x0, int y0, int x1, int y1)
{
    public int X0 { get; } = x0;
    public int Y0 { get; } = y0;
    public int X1 { get; } = x1;
    public int Y1 { get; } = y1;
    public int Width => X1 - X0;
    public int Height => Y1 - Y0;

    public bool Included { get; set; }
    public int ZeroBitPlanes { get; set; }
    public int LengthBits { get; set; } = 3;
    public int Passes { get; set; }

    /// <summary>Passes the last codeword segment can still take (0: the next pass starts a new segment).</summary>
    public int OpenSegmentRoom { get; set; }

    public byte[] Data { get; private set; } = [];
    public int DataLength { get; private set; }

    /// <summary>Per codeword segment: passes it holds and bytes it spans (T.800 D.4, D.6).</summary>
    public List<(int Passes, int Length)> Segments { get; } = [];

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (DataLength + bytes.Length > Data.Length)
        {
            var grown = new byte[Math.Max(DataLength + bytes.Length, Data.Length * 2)];
            Data.AsSpan(0, DataLength).CopyTo(grown);
            Data = grown;
        }
        bytes.CopyTo(Data.AsSpan(DataLength));
        DataLength += bytes.Length;
    }
}
