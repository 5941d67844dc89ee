namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>Progression orders of SGcod (T.800 Table A.16).</summary>
internal enum J2kProgressionOrder { Lrcp = 0, Rlcp = 1, Rpcl = 2, Pcrl = 3, Cprl = 4 }

/// <summary>Code-block style flags of SPcod (T.800 Table A.19, T.814 Table A.4).</summary>
[Flags]
internal enum J2kCodeBlockStyle
{
    None = 0,
    Bypass = 0x01,
    ResetContexts = 0x02,
    TerminateEachPass = 0x04,
    VerticallyCausal = 0x08,
    PredictableTermination = 0x10,
    SegmentationSymbols = 0x20,
    HighThroughput = 0x40,
}

/// <summary>Per-component coding style of a COD or COC marker (T.800 A.6.1, A.6.2).</summary>
internal sealed record J2kComponentStyle(
    int DecompositionLevels,
    int CodeBlockWidthExponent,
    int CodeBlockHeightExponent,
    J2kCodeBlockStyle CodeBlockStyle,
    bool Reversible,
    byte[] PrecinctExponents)
{
    /// <summary>PPx of a resolution level; 15 when the marker gives no precinct sizes (maximal precincts).</summary>
    public int PrecinctWidthExponent(int resolution) => PrecinctExponents.Length == 0 ? 15 : PrecinctExponents[resolution] & 0xF;

    public int PrecinctHeightExponent(int resolution) => PrecinctExponents.Length == 0 ? 15 : PrecinctExponents[resolution] >> 4;

    /// <summary>Reads SPcod / SPcoc; <paramref name="usesPrecincts"/> is bit 0 of Scod / Scoc.</summary>
    public static J2kComponentStyle Parse(ref J2kSegmentReader reader, bool usesPrecincts)
    {
        var levels = reader.U8();
        var xcb = reader.U8() + 2;
        var ycb = reader.U8() + 2;
        var style = (J2kCodeBlockStyle)reader.U8();
        var transform = reader.U8();
        if (levels > 32)
            throw reader.Corrupt($"{levels} decomposition levels, at most 32");
        if (xcb > 10 || ycb > 10 || xcb + ycb > 12)
            throw reader.Corrupt($"code-block size 2^{xcb}×2^{ycb} outside T.800 A.6.1 limits");
        if (transform > 1)
            throw reader.Corrupt($"wavelet transform {transform} is neither 9/7 (0) nor 5/3 (1)");
        var precincts = Array.Empty<byte>();
        if (usesPrecincts)
        {
            precincts = new byte[levels + 1];
            for (var r = 0; r <= levels; r++)
            {
                precincts[r] = reader.U8();
                if (r > 0 && ((precincts[r] & 0xF) == 0 || (precincts[r] >> 4) == 0))
                    throw reader.Corrupt($"precinct exponent 0 at resolution {r} (only resolution 0 may use it)");
            }
        }
        return new J2kComponentStyle(levels, xcb, ycb, style, transform == 1, precincts);
    }
}

/// <summary>The COD marker: Scod flags, SGcod and the default component style (T.800 A.6.1).</summary>
internal sealed record J2kCodingStyle(
    bool UsesSop,
    bool UsesEph,
    J2kProgressionOrder Progression,
    int Layers,
    bool MultipleComponentTransform,
    J2kComponentStyle Component)
{
    public static J2kCodingStyle Parse(ref J2kSegmentReader reader)
    {
        var scod = reader.U8();
        var order = reader.U8();
        var layers = reader.U16();
        var mct = reader.U8();
        if (order > 4)
            throw reader.Corrupt($"progression order {order} undefined");
        if (layers == 0)
            throw reader.Corrupt("zero quality layers");
        if (mct > 1)
            throw J2kErrors.Unsupported($"COD: multiple component transform {mct} (Part 2)", reader.Position);
        var component = J2kComponentStyle.Parse(ref reader, (scod & 1) != 0);
        return new J2kCodingStyle((scod & 2) != 0, (scod & 4) != 0, (J2kProgressionOrder)order, layers, mct == 1, component);
    }
}
