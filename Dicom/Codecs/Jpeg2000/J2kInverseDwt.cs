using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// Inverse discrete wavelet transforms (T.800 Annex F): 2D_SR per level, rows (HOR_SR) then columns (VER_SR), with
/// periodic symmetric extension. Coefficients arrive in the Mallat layout (low band first in each direction); the
/// vertical pass lifts whole rows at a time so it runs along memory, not across it.
/// </summary>
internal static class J2kInverseDwt
{
    // T.800 Table F.4 lifting parameters of the 9/7 filter; F.3.8.2 scales lows by K and highs by 1/K.
    private const float Alpha = -1.586134342059924f;
    private const float Beta = -0.052980118572961f;
    private const float Gamma = 0.882911075530934f;
    private const float Delta = 0.443506852043971f;
    private const float K = 1.230174104914001f;
    private const float InverseK = 1f / K;
    private static readonly J2kLiftingFactors Factors = new(Alpha, Beta, Gamma, Delta, K, InverseK);

    public static void Reversible(int[] buffer, int stride, J2kTileComponent component)
    {
        var resolutions = component.Resolutions;
        var maxWidth = component.Width;
        var maxHeight = component.Height;
        var line = ArrayPool<int>.Shared.Rent(J2kHorizontalLifting.ScratchLength(maxWidth));
        var rows = ArrayPool<int>.Shared.Rent(Math.Max(1, maxWidth * maxHeight));
        try
        {
            for (var r = 1; r < resolutions.Length; r++)
            {
                var res = resolutions[r];
                var low = resolutions[r - 1];
                int width = res.X1 - res.X0, height = res.Y1 - res.Y0;
                int lowWidth = low.X1 - low.X0, lowHeight = low.Y1 - low.Y0;
                if (width > 0)
                {
                    for (var y = 0; y < height; y++)
                        Lift53(buffer.AsSpan(y * stride, width), lowWidth, res.X0 & 1, line);
                }
                if (height > 0 && width > 0)
                    Vertical53(buffer, stride, width, height, lowHeight, res.Y0 & 1, rows);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(line);
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    public static void Irreversible(float[] buffer, int stride, J2kTileComponent component)
    {
        var resolutions = component.Resolutions;
        var line = ArrayPool<float>.Shared.Rent(J2kHorizontalLifting.ScratchLength(component.Width));
        var rows = ArrayPool<float>.Shared.Rent(Math.Max(1, component.Width * component.Height));
        try
        {
            for (var r = 1; r < resolutions.Length; r++)
            {
                var res = resolutions[r];
                var low = resolutions[r - 1];
                int width = res.X1 - res.X0, height = res.Y1 - res.Y0;
                int lowWidth = low.X1 - low.X0, lowHeight = low.Y1 - low.Y0;
                if (width > 0)
                {
                    for (var y = 0; y < height; y++)
                        Lift97(buffer.AsSpan(y * stride, width), lowWidth, res.X0 & 1, line);
                }
                if (height > 0 && width > 0)
                    Vertical97(buffer, stride, width, height, lowHeight, res.Y0 & 1, rows);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(line);
            ArrayPool<float>.Shared.Return(rows);
        }
    }

    /// <summary>1D_SR of the 5/3 filter on one row (F.3.8.1); a single sample is only rescaled (F.3.7).</summary>
    private static void Lift53(Span<int> row, int lowCount, int parity, int[] line)
    {
        if (row.Length == 1)
        {
            if (parity == 1)
                row[0] /= 2;
            return;
        }
        J2kHorizontalLifting.Inverse53(row, lowCount, parity, line);
    }

    private static void Vertical53(int[] buffer, int stride, int width, int height, int lowHeight, int parity, int[] rows)
    {
        if (height == 1)
        {
            if (parity == 1)
            {
                for (var x = 0; x < width; x++)
                    buffer[x] /= 2;
            }
            return;
        }
        InterleaveRows(buffer, stride, width, height, lowHeight, parity, rows);
        var first = parity == 0 ? 0 : 1;
        for (var i = first; i < height; i += 2)
        {
            var up = (i > 0 ? i - 1 : i + 1) * width;
            var down = (i + 1 < height ? i + 1 : i - 1) * width;
            SubtractQuarter(rows.AsSpan(i * width, width), rows.AsSpan(up, width), rows.AsSpan(down, width));
        }
        for (var i = 1 - first; i < height; i += 2)
        {
            var up = (i > 0 ? i - 1 : i + 1) * width;
            var down = (i + 1 < height ? i + 1 : i - 1) * width;
            AddHalf(rows.AsSpan(i * width, width), rows.AsSpan(up, width), rows.AsSpan(down, width));
        }
        for (var i = 0; i < height; i++)
            rows.AsSpan(i * width, width).CopyTo(buffer.AsSpan(i * stride, width));
    }

    private static void InterleaveRows<T>(T[] buffer, int stride, int width, int height, int lowHeight, int parity, T[] rows)
    {
        var low = 0;
        var high = lowHeight;
        for (var i = 0; i < height; i++)
        {
            var source = ((i + parity) & 1) == 0 ? low++ : high++;
            buffer.AsSpan(source * stride, width).CopyTo(rows.AsSpan(i * width, width));
        }
    }

    /// <summary>1D_SR of the 9/7 filter on one row (F.3.8.2); a single sample is only rescaled (F.3.7).</summary>
    private static void Lift97(Span<float> row, int lowCount, int parity, float[] line)
    {
        if (row.Length == 1)
        {
            if (parity == 1)
                row[0] *= 0.5f;
            return;
        }
        J2kHorizontalLifting.Inverse97(row, lowCount, parity, line, Factors);
    }

    private static void Vertical97(float[] buffer, int stride, int width, int height, int lowHeight, int parity, float[] rows)
    {
        if (height == 1)
        {
            if (parity == 1)
            {
                for (var x = 0; x < width; x++)
                    buffer[x] *= 0.5f;
            }
            return;
        }
        InterleaveRows(buffer, stride, width, height, lowHeight, parity, rows);
        var even = parity == 0 ? 0 : 1;
        var odd = 1 - even;
        for (var i = 0; i < height; i++)
        {
            var scale = ((i + parity) & 1) == 0 ? K : InverseK;
            var row = rows.AsSpan(i * width, width);
            for (var x = 0; x < row.Length; x++)
                row[x] *= scale;
        }
        RowLiftStep(rows, width, height, even, Delta);
        RowLiftStep(rows, width, height, odd, Gamma);
        RowLiftStep(rows, width, height, even, Beta);
        RowLiftStep(rows, width, height, odd, Alpha);
        for (var i = 0; i < height; i++)
            rows.AsSpan(i * width, width).CopyTo(buffer.AsSpan(i * stride, width));
    }

    private static void RowLiftStep(float[] rows, int width, int height, int first, float factor)
    {
        for (var i = first; i < height; i += 2)
        {
            var up = (i > 0 ? i - 1 : i + 1) * width;
            var down = (i + 1 < height ? i + 1 : i - 1) * width;
            SubtractScaled(rows.AsSpan(i * width, width), rows.AsSpan(up, width), rows.AsSpan(down, width), factor);
        }
    }

    // Vertical lifting works on whole rows, so it vectorises across columns.
    private static void SubtractQuarter(Span<int> row, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var two = new Vector<int>(2);
            var rowV = MemoryMarshal.Cast<int, Vector<int>>(row);
            var aV = MemoryMarshal.Cast<int, Vector<int>>(a);
            var bV = MemoryMarshal.Cast<int, Vector<int>>(b);
            for (var v = 0; v < rowV.Length; v++)
                rowV[v] -= Vector.ShiftRightArithmetic(aV[v] + bV[v] + two, 2);
            x = rowV.Length * Vector<int>.Count;
        }
        for (; x < row.Length; x++)
            row[x] -= (a[x] + b[x] + 2) >> 2;
    }

    private static void AddHalf(Span<int> row, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var rowV = MemoryMarshal.Cast<int, Vector<int>>(row);
            var aV = MemoryMarshal.Cast<int, Vector<int>>(a);
            var bV = MemoryMarshal.Cast<int, Vector<int>>(b);
            for (var v = 0; v < rowV.Length; v++)
                rowV[v] += Vector.ShiftRightArithmetic(aV[v] + bV[v], 1);
            x = rowV.Length * Vector<int>.Count;
        }
        for (; x < row.Length; x++)
            row[x] += (a[x] + b[x]) >> 1;
    }

    private static void SubtractScaled(Span<float> row, ReadOnlySpan<float> a, ReadOnlySpan<float> b, float factor)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<float>(factor);
            var rowV = MemoryMarshal.Cast<float, Vector<float>>(row);
            var aV = MemoryMarshal.Cast<float, Vector<float>>(a);
            var bV = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var v = 0; v < rowV.Length; v++)
                rowV[v] -= f * (aV[v] + bV[v]);
            x = rowV.Length * Vector<float>.Count;
        }
        for (; x < row.Length; x++)
            row[x] -= factor * (a[x] + b[x]);
    }
}
