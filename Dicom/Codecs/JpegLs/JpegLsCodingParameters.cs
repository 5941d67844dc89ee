using System.Numerics;

namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>The parameters one scan is decoded with, derived as T.87 §A.2.1 and §C.2.4.1.1 prescribe.</summary>
internal sealed class JpegLsCodingParameters
{
    private const int BasicT1 = 3;
    private const int BasicT2 = 7;
    private const int BasicT3 = 21;
    private const int DefaultReset = 64;

    private JpegLsCodingParameters(int maxVal, int near, int t1, int t2, int t3, int reset)
    {
        MaxVal = maxVal;
        Near = near;
        T1 = t1;
        T2 = t2;
        T3 = t3;
        Reset = reset;
        Range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        Qbpp = CeilLog2(Range);
        var bpp = Math.Max(2, CeilLog2(maxVal + 1));
        Limit = 2 * (bpp + Math.Max(8, bpp));
    }

    public int MaxVal { get; }
    public int Near { get; }
    public int T1 { get; }
    public int T2 { get; }
    public int T3 { get; }
    public int Reset { get; }
    public int Range { get; }
    public int Qbpp { get; }
    public int Limit { get; }

    public static JpegLsCodingParameters Create(int precision, JpegLsPresetParameters preset, int near, int offset)
    {
        var maxPossible = (1 << precision) - 1;
        var maxVal = preset.MaxVal == 0 ? maxPossible : preset.MaxVal;
        if (maxVal > maxPossible)
            throw JpegLsErrors.Corrupt($"MAXVAL {maxVal} exceeds the {precision}-bit sample precision", offset);
        if (near > Math.Min(255, maxVal / 2))
            throw JpegLsErrors.Corrupt($"NEAR {near} exceeds min(255, MAXVAL/2) (T.87 §C.2.3)", offset);

        var (t1, t2, t3) = DefaultThresholds(maxVal, near);
        t1 = preset.T1 == 0 ? t1 : preset.T1;
        t2 = preset.T2 == 0 ? t2 : preset.T2;
        t3 = preset.T3 == 0 ? t3 : preset.T3;
        var reset = preset.Reset == 0 ? DefaultReset : preset.Reset;

        // T.87 §C.2.4.1.1: NEAR+1 <= T1 <= T2 <= T3 <= MAXVAL and 3 <= RESET <= max(255, MAXVAL).
        if (t1 < near + 1 || t2 < t1 || t3 < t2 || t3 > maxVal)
            throw JpegLsErrors.Corrupt($"thresholds T1={t1}, T2={t2}, T3={t3} are not ordered within NEAR+1..MAXVAL", offset);
        if (reset < 3 || reset > Math.Max(255, maxVal))
            throw JpegLsErrors.Corrupt($"RESET {reset} is outside 3..max(255, MAXVAL)", offset);

        return new JpegLsCodingParameters(maxVal, near, t1, t2, t3, reset);
    }

    /// <summary>
    /// The same scan coded over the full 2^P - 1 sample range, with these thresholds. CharLS (checked with 2.4.1)
    /// writes an LSE MAXVAL below 2^P - 1 yet codes RANGE, LIMIT and the clamping with 2^P - 1, using MAXVAL only
    /// for the thresholds; T.87 §A.2.1 derives all of them from MAXVAL.
    /// </summary>
    public JpegLsCodingParameters WithFullPrecisionRange(int precision) =>
        new((1 << precision) - 1, Near, T1, T2, T3, Reset);

    /// <summary>Default gradient thresholds, T.87 §C.2.4.1.1.1 (both the MAXVAL >= 128 and the MAXVAL < 128 rule).</summary>
    internal static (int T1, int T2, int T3) DefaultThresholds(int maxVal, int near)
    {
        if (maxVal >= 128)
        {
            var factor = (Math.Min(maxVal, 4095) + 128) / 256;
            var t1 = Clamp(factor * (BasicT1 - 2) + 2 + 3 * near, near + 1, maxVal);
            var t2 = Clamp(factor * (BasicT2 - 3) + 3 + 5 * near, t1, maxVal);
            var t3 = Clamp(factor * (BasicT3 - 4) + 4 + 7 * near, t2, maxVal);
            return (t1, t2, t3);
        }
        else
        {
            var factor = 256 / (maxVal + 1);
            var t1 = Clamp(Math.Max(2, BasicT1 / factor + 3 * near), near + 1, maxVal);
            var t2 = Clamp(Math.Max(3, BasicT2 / factor + 5 * near), t1, maxVal);
            var t3 = Clamp(Math.Max(4, BasicT3 / factor + 7 * near), t2, maxVal);
            return (t1, t2, t3);
        }
    }

    // The CLAMP of T.87 §C.2.4.1.1.1: out-of-range values fall back to the lower bound, not to the nearest bound.
    private static int Clamp(int value, int lower, int maxVal) => value > maxVal || value < lower ? lower : value;

    private static int CeilLog2(int value) => value <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(value - 1));
}
