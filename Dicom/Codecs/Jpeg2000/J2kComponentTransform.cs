namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>Inverse multiple component transforms on the first three components (T.800 G.2 RCT, G.3 ICT).</summary>
internal static class J2kComponentTransform
{
    public static void Inverse(J2kTileComponent[] components, int[]?[] ints, float[]?[] floats, long offset)
    {
        var area = components[0].Width * components[0].Height;
        for (var c = 1; c < 3; c++)
        {
            if (components[c].Width * components[c].Height != area)
                throw J2kErrors.Corrupt("multiple component transform over components of different sizes", offset);
            if (components[c].Style.Reversible != components[0].Style.Reversible)
                throw J2kErrors.Unsupported("multiple component transform over reversible and irreversible components", offset);
        }
        if (components[0].Style.Reversible)
            InverseRct(ints[0].AsSpan(0, area), ints[1].AsSpan(0, area), ints[2].AsSpan(0, area));
        else
            InverseIct(floats[0].AsSpan(0, area), floats[1].AsSpan(0, area), floats[2].AsSpan(0, area));
    }

    /// <summary>G.2.2: G = Y − ⌊(Cb + Cr)/4⌋, R = Cr + G, B = Cb + G.</summary>
    private static void InverseRct(Span<int> y, Span<int> cb, Span<int> cr)
    {
        for (var i = 0; i < y.Length; i++)
        {
            var g = y[i] - ((cb[i] + cr[i]) >> 2);
            var r = cr[i] + g;
            var b = cb[i] + g;
            y[i] = r;
            cb[i] = g;
            cr[i] = b;
        }
    }

    /// <summary>G.3.2 (Equation G-7).</summary>
    private static void InverseIct(Span<float> y, Span<float> cb, Span<float> cr)
    {
        for (var i = 0; i < y.Length; i++)
        {
            var r = y[i] + 1.402f * cr[i];
            var g = y[i] - 0.34413f * cb[i] - 0.71414f * cr[i];
            var b = y[i] + 1.772f * cb[i];
            y[i] = r;
            cb[i] = g;
            cr[i] = b;
        }
    }
}
