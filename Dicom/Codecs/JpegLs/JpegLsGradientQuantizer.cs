namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>
/// Lookup table for the gradient quantisation of T.87 §A.3.3 (Code segment A.4): maps every local gradient
/// D in -MAXVAL..MAXVAL to a region -4..4. The most recent table is kept, since all frames of a series share it.
/// </summary>
internal sealed class JpegLsGradientQuantizer
{
    private static JpegLsGradientQuantizer? s_lastUsed;

    private readonly sbyte[] _table;

    private JpegLsGradientQuantizer(int maxVal, int near, int t1, int t2, int t3)
    {
        (MaxVal, Near, T1, T2, T3) = (maxVal, near, t1, t2, t3);
        _table = new sbyte[2 * maxVal + 1];
        for (var d = -maxVal; d <= maxVal; d++)
            _table[d + maxVal] = Quantize(d, near, t1, t2, t3);
    }

    public int MaxVal { get; }
    public int Near { get; }
    public int T1 { get; }
    public int T2 { get; }
    public int T3 { get; }

    /// <summary>The table indexed by D + MAXVAL.</summary>
    public ReadOnlySpan<sbyte> Table => _table;

    public static JpegLsGradientQuantizer For(JpegLsCodingParameters p)
    {
        var last = Volatile.Read(ref s_lastUsed);
        if (last is not null && last.MaxVal == p.MaxVal && last.Near == p.Near && last.T1 == p.T1 && last.T2 == p.T2 && last.T3 == p.T3)
            return last;
        var created = new JpegLsGradientQuantizer(p.MaxVal, p.Near, p.T1, p.T2, p.T3);
        Volatile.Write(ref s_lastUsed, created);
        return created;
    }

    private static sbyte Quantize(int d, int near, int t1, int t2, int t3)
    {
        if (d <= -t3) return -4;
        if (d <= -t2) return -3;
        if (d <= -t1) return -2;
        if (d < -near) return -1;
        if (d <= near) return 0;
        if (d < t1) return 1;
        if (d < t2) return 2;
        if (d < t3) return 3;
        return 4;
    }
}
