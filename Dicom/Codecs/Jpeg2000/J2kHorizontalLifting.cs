using System.Numerics;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// 1D_SR along one row (T.800 F.3.6 to F.3.8) lifted on the two halves as they arrive (low-pass then high-pass, the
/// Mallat layout) and interleaved only at the end, so that each lifting step is a vector loop over contiguous samples.
/// The halves are copied with one mirrored sample at each end (periodic symmetric extension, F.3.7), so no step
/// tests for the row's edges. <paramref name="parity"/> is the row's first coordinate mod 2: 0 when it starts with a
/// low-pass sample. Low sample n then sits between high samples n − 1 + parity and n + parity, high sample n
/// between low samples n − parity and n + 1 − parity.
/// </summary>
internal static class J2kHorizontalLifting
{
    /// <summary>Scratch elements <see cref="Inverse53"/> and <see cref="Inverse97"/> need for a row of <paramref name="length"/> samples.</summary>
    public static int ScratchLength(int length) => length + 4;

    /// <summary>Reversible 5/3 (F.3.8.1): lows −= ⌊(left + right + 2)/4⌋, then highs += ⌊(left + right)/2⌋.</summary>
    public static void Inverse53(Span<int> row, int lowCount, int parity, Span<int> scratch)
    {
        var n = row.Length;
        var highCount = n - lowCount;
        var low = scratch.Slice(0, lowCount + 2);
        var high = scratch.Slice(lowCount + 2, highCount + 2);
        row.Slice(0, lowCount).CopyTo(low.Slice(1));
        row.Slice(lowCount).CopyTo(high.Slice(1));
        high[0] = high[1];
        high[highCount + 1] = high[highCount];
        SubtractQuarterSum(low.Slice(1, lowCount), high.Slice(parity), high.Slice(parity + 1));
        low[0] = low[1];
        low[lowCount + 1] = low[lowCount];
        AddHalfSum(high.Slice(1, highCount), low.Slice(1 - parity), low.Slice(2 - parity));
        Interleave(low.Slice(1, lowCount), high.Slice(1, highCount), parity, row);
    }

    /// <summary>Irreversible 9/7 (F.3.8.2): lows × K and highs × 1/K, then the four lifting steps δ, γ, β, α undone.</summary>
    public static void Inverse97(Span<float> row, int lowCount, int parity, Span<float> scratch, in J2kLiftingFactors factors)
    {
        var highCount = row.Length - lowCount;
        var low = scratch.Slice(0, lowCount + 2);
        var high = scratch.Slice(lowCount + 2, highCount + 2);
        var lows = low.Slice(1, lowCount);
        var highs = high.Slice(1, highCount);
        Scale(row.Slice(0, lowCount), factors.K, lows);
        Scale(row.Slice(lowCount), factors.InverseK, highs);
        LiftLows(lows, high, parity, factors.Delta);
        LiftHighs(highs, low, parity, factors.Gamma);
        LiftLows(lows, high, parity, factors.Beta);
        LiftHighs(highs, low, parity, factors.Alpha);
        Interleave<float>(lows, highs, parity, row);
    }

    private static void LiftLows(Span<float> lows, Span<float> high, int parity, float factor)
    {
        high[0] = high[1];
        high[^1] = high[^2];
        SubtractScaledSum(lows, high.Slice(parity), high.Slice(parity + 1), factor);
    }

    private static void LiftHighs(Span<float> highs, Span<float> low, int parity, float factor)
    {
        low[0] = low[1];
        low[^1] = low[^2];
        SubtractScaledSum(highs, low.Slice(1 - parity), low.Slice(2 - parity), factor);
    }

    private static void SubtractQuarterSum(Span<int> target, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var two = new Vector<int>(2);
            for (; i + Vector<int>.Count <= target.Length; i += Vector<int>.Count)
            {
                var sum = new Vector<int>(a.Slice(i)) + new Vector<int>(b.Slice(i)) + two;
                (new Vector<int>(target.Slice(i)) - Vector.ShiftRightArithmetic(sum, 2)).CopyTo(target.Slice(i));
            }
        }
        for (; i < target.Length; i++)
            target[i] -= (a[i] + b[i] + 2) >> 2;
    }

    private static void AddHalfSum(Span<int> target, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<int>.Count <= target.Length; i += Vector<int>.Count)
            {
                var sum = new Vector<int>(a.Slice(i)) + new Vector<int>(b.Slice(i));
                (new Vector<int>(target.Slice(i)) + Vector.ShiftRightArithmetic(sum, 1)).CopyTo(target.Slice(i));
            }
        }
        for (; i < target.Length; i++)
            target[i] += (a[i] + b[i]) >> 1;
    }

    private static void SubtractScaledSum(Span<float> target, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float factor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<float>(factor);
            for (; i + Vector<float>.Count <= target.Length; i += Vector<float>.Count)
            {
                var sum = new Vector<float>(a.Slice(i)) + new Vector<float>(b.Slice(i));
                (new Vector<float>(target.Slice(i)) - f * sum).CopyTo(target.Slice(i));
            }
        }
        for (; i < target.Length; i++)
            target[i] -= factor * (a[i] + b[i]);
    }

    private static void Scale(ReadOnlySpan<float> source, float factor, Span<float> target)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<float>(factor);
            for (; i + Vector<float>.Count <= source.Length; i += Vector<float>.Count)
                (new Vector<float>(source.Slice(i)) * f).CopyTo(target.Slice(i));
        }
        for (; i < source.Length; i++)
            target[i] = source[i] * factor;
    }

    private static void Interleave<T>(ReadOnlySpan<T> lows, ReadOnlySpan<T> highs, int parity, Span<T> row)
    {
        var evens = parity == 0 ? lows : highs;
        var odds = parity == 0 ? highs : lows;
        for (var i = 0; i < odds.Length; i++)
        {
            row[2 * i] = evens[i];
            row[2 * i + 1] = odds[i];
        }
        if (evens.Length > odds.Length)
            row[^1] = evens[^1];
    }
}

/// <summary>The 9/7 lifting parameters (T.800 Table F.4) and the scaling K of F.3.8.2.</summary>
internal readonly record struct J2kLiftingFactors(float Alpha, float Beta, float Gamma, float Delta, float K, float InverseK);
