namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>One component of the SIZ marker: precision, signedness and sub-sampling (T.800 A.5.1).</summary>
internal readonly record struct J2kComponent(int Precision, bool IsSigned, int XRsiz, int YRsiz);

/// <summary>The SIZ marker segment: reference grid, tiling and components (T.800 A.5.1).</summary>
internal sealed class J2kImageSize
{
    public required int Xsiz { get; init; }
    public required int Ysiz { get; init; }
    public required int XOsiz { get; init; }
    public required int YOsiz { get; init; }
    public required int XTsiz { get; init; }
    public required int YTsiz { get; init; }
    public required int XTOsiz { get; init; }
    public required int YTOsiz { get; init; }
    public required J2kComponent[] Components { get; init; }

    public int TilesAcross => (int)CeilDiv((long)Xsiz - XTOsiz, XTsiz);
    public int TilesDown => (int)CeilDiv((long)Ysiz - YTOsiz, YTsiz);

    /// <summary>Parses SIZ and checks it against what the DICOM header says the frame holds, before anything is allocated.</summary>
    public static J2kImageSize Parse(ref J2kSegmentReader reader, FrameInfo info)
    {
        reader.U16(); // Rsiz: capabilities; Part 15 streams set bit 14, decoded the same way here
        var xsiz = reader.U32();
        var ysiz = reader.U32();
        var xosiz = reader.U32();
        var yosiz = reader.U32();
        var xtsiz = reader.U32();
        var ytsiz = reader.U32();
        var xtosiz = reader.U32();
        var ytosiz = reader.U32();
        var count = reader.U16();
        if (count is 0 or > 16384)
            throw reader.Corrupt($"Csiz {count} outside 1..16384");
        if (xsiz - xosiz != info.Columns || ysiz - yosiz != info.Rows)
            throw reader.Corrupt($"image area {xsiz - xosiz}×{ysiz - yosiz} differs from the DICOM header's {info.Columns}×{info.Rows}");
        if (count != info.SamplesPerPixel)
            throw reader.Corrupt($"{count} components, the DICOM header says {info.SamplesPerPixel} samples per pixel");
        if (xtsiz == 0 || ytsiz == 0 || xtosiz > xosiz || ytosiz > yosiz || xtosiz + xtsiz <= xosiz || ytosiz + ytsiz <= yosiz)
            throw reader.Corrupt("tile grid does not cover the image origin (T.800 A.5.1)");
        var components = new J2kComponent[count];
        for (var c = 0; c < count; c++)
        {
            var ssiz = reader.U8();
            var precision = (ssiz & 0x7F) + 1;
            var xr = reader.U8();
            var yr = reader.U8();
            if (precision > 38 || xr == 0 || yr == 0)
                throw reader.Corrupt($"component {c}: Ssiz {ssiz}, XRsiz {xr}, YRsiz {yr} invalid");
            if (xr != 1 || yr != 1)
                throw J2kErrors.Unsupported($"SIZ: component {c} is sub-sampled {xr}×{yr}; DICOM frames hold full-resolution components", reader.Position);
            if (precision > 16 || precision > info.BytesPerSample * 8)
                throw J2kErrors.Unsupported($"SIZ: component {c} has {precision}-bit samples, {info.BytesPerSample * 8}-bit output", reader.Position);
            components[c] = new J2kComponent(precision, (ssiz & 0x80) != 0, xr, yr);
        }
        var size = new J2kImageSize
        {
            Xsiz = (int)xsiz, Ysiz = (int)ysiz, XOsiz = (int)xosiz, YOsiz = (int)yosiz,
            XTsiz = (int)Math.Min(xtsiz, int.MaxValue), YTsiz = (int)Math.Min(ytsiz, int.MaxValue),
            XTOsiz = (int)xtosiz, YTOsiz = (int)ytosiz, Components = components,
        };
        if ((long)size.TilesAcross * size.TilesDown > 65535)
            throw reader.Corrupt($"{size.TilesAcross}×{size.TilesDown} tiles exceed the 65535 a tile index can name");
        return size;
    }

    public static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
