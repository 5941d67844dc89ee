namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>A subband of one resolution and where its coefficients sit in the tile-component buffer (T.800 B.5).</summary>
internal sealed class J2kBand
{
    public required int Orientation { get; init; } // 0 LL, 1 HL, 2 LH, 3 HH
    public required int X0 { get; init; }
    public required int Y0 { get; init; }
    public required int X1 { get; init; }
    public required int Y1 { get; init; }
    public required int BufferX { get; init; }
    public required int BufferY { get; init; }
    public required int MagnitudeBits { get; init; }
    public required float StepSize { get; init; }
    public int CodeBlockWidthExponent { get; init; }
    public int CodeBlockHeightExponent { get; init; }
}

/// <summary>The code-blocks of one subband inside one precinct, with the precinct's two tag trees (T.800 B.10.2).</summary>
internal sealed class J2kPrecinctBand(J2kBand band, int blocksWide, int blocksHigh, J2kCodeBlock[] blocks)
{
    public J2kBand Band { get; } = band;
    public int BlocksWide { get; } = blocksWide;
    public int BlocksHigh { get; } = blocksHigh;
    public J2kCodeBlock[] Blocks { get; } = blocks;
    public J2kTagTree? Inclusion { get; } = blocks.Length > 0 ? new J2kTagTree(blocksWide, blocksHigh) : null;
    public J2kTagTree? ZeroBitPlanes { get; } = blocks.Length > 0 ? new J2kTagTree(blocksWide, blocksHigh) : null;
}

/// <summary>A precinct: its subband parts, its upper-left corner on the reference grid, the next layer it expects.</summary>
internal sealed class J2kPrecinct(J2kPrecinctBand[] bands, long gridX, long gridY)
{
    public J2kPrecinctBand[] Bands { get; } = bands;
    public long GridX { get; } = gridX;
    public long GridY { get; } = gridY;
    public int NextLayer { get; set; }
}

/// <summary>One resolution level of a tile-component (T.800 B.5, B.6).</summary>
internal sealed class J2kResolution
{
    public required int X0 { get; init; }
    public required int Y0 { get; init; }
    public required int X1 { get; init; }
    public required int Y1 { get; init; }
    public required J2kBand[] Bands { get; init; }
    public required J2kPrecinct[] Precincts { get; init; }
}

/// <summary>A tile-component: bounds, coding parameters and resolutions from the lowest (LL) up.</summary>
internal sealed class J2kTileComponent
{
    public required int X0 { get; init; }
    public required int Y0 { get; init; }
    public required int X1 { get; init; }
    public required int Y1 { get; init; }
    public required J2kComponentStyle Style { get; init; }
    public required int RoiShift { get; init; }
    public required J2kResolution[] Resolutions { get; init; }
    public int Width => X1 - X0;
    public int Height => Y1 - Y0;
}
