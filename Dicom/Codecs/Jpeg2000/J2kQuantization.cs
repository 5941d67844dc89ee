namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>A QCD or QCC marker: guard bits and per-subband exponent/mantissa (T.800 A.6.4, A.6.5, Annex E).</summary>
internal sealed record J2kQuantization(int Style, int GuardBits, int[] Exponents, int[] Mantissas)
{
    public const int None = 0;
    public const int ScalarDerived = 1;
    public const int ScalarExpounded = 2;

    /// <summary>
    /// Exponent and mantissa of subband <paramref name="bandIndex"/> (0 = LL, then HL, LH, HH per resolution from the
    /// lowest), <paramref name="level"/> its decomposition level nb. Derived quantization: εb = ε0 − NL + nb (T.800 E.1.1.2).
    /// </summary>
    public (int Exponent, int Mantissa) ForBand(int bandIndex, int level, int levels)
    {
        if (Style == ScalarDerived)
            return (Exponents[0] - levels + level, Mantissas[0]);
        if (bandIndex >= Exponents.Length)
            throw J2kErrors.Corrupt($"quantization gives {Exponents.Length} subbands, subband {bandIndex} needs one", 0);
        return (Exponents[bandIndex], Mantissas[bandIndex]);
    }

    public static J2kQuantization Parse(ref J2kSegmentReader reader)
    {
        var sq = reader.U8();
        var style = sq & 0x1F;
        var guard = sq >> 5;
        if (style > 2)
            throw reader.Corrupt($"quantization style {style} undefined");
        var exponents = new List<int>();
        var mantissas = new List<int>();
        if (style == None)
        {
            while (reader.Remaining > 0)
            {
                exponents.Add(reader.U8() >> 3);
                mantissas.Add(0);
            }
        }
        else
        {
            while (reader.Remaining > 1)
            {
                var value = reader.U16();
                exponents.Add(value >> 11);
                mantissas.Add(value & 0x7FF);
                if (style == ScalarDerived)
                    break;
            }
        }
        if (exponents.Count == 0)
            throw reader.Corrupt("no subband step sizes");
        return new J2kQuantization(style, guard, [.. exponents], [.. mantissas]);
    }
}
