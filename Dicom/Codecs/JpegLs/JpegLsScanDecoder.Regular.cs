using System.Numerics;
using System.Runtime.CompilerServices;

namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>Regular mode: context modelling, prediction and Golomb decoding (T.87 §A.3 to §A.6).</summary>
internal ref partial struct JpegLsScanDecoder
{
    private const int MaxGolombK = 24;

    private void DecodeLine(Span<int> previous, Span<int> line, int component)
    {
        var runIndex = _contexts.RunIndex[component];
        var x = 1;
        while (x <= _width)
        {
            var ra = line[x - 1];
            var rb = previous[x];
            var rc = previous[x - 1];
            var rd = previous[x + 1];
            var context = QuantizedContext(rd - rb, rb - rc, rc - ra);
            if (context == 0)
            {
                x = DecodeRun(previous, line, x, ref runIndex);
                continue;
            }

            line[x] = DecodeRegular(context, ra, rb, rc);
            x++;
        }

        _contexts.RunIndex[component] = runIndex;
    }

    /// <summary>Q1·81 + Q2·9 + Q3 from the quantised gradients (T.87 §A.3.3); 0 selects run mode.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int QuantizedContext(int d1, int d2, int d3) =>
        _quantizedGradient[d1 + _maxVal] * 81 + _quantizedGradient[d2 + _maxVal] * 9 + _quantizedGradient[d3 + _maxVal];

    /// <summary>
    /// Decodes one sample in regular mode. <paramref name="signedContext"/> is Q before the sign
    /// normalisation of T.87 §A.3.4: its absolute value indexes the context, its sign is SIGN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DecodeRegular(int signedContext, int ra, int rb, int rc)
    {
        var negative = signedContext < 0;
        var q = negative ? -signedContext : signedContext;
        ref var context = ref _contexts.All[q];

        // Median edge detector, T.87 §A.4.1, then the bias correction C[Q] (§A.4.2).
        var predicted = MedianPrediction(ra, rb, rc);
        var correction = context.C;
        predicted = negative ? predicted - correction : predicted + correction;
        if (predicted < 0)
            predicted = 0;
        else if (predicted > _maxVal)
            predicted = _maxVal;

        var a = context.A;
        var b = context.B;
        var n = context.N;
        var k = GolombParameter(a, n);
        var mapped = ReadGolomb(k, _escapeZeros);

        // Inverse of the error mapping, T.87 §A.5.2 (the k = 0 special case when the bias is negative).
        int error;
        if (_near == 0 && k == 0 && 2 * b <= -n)
            error = (mapped & 1) != 0 ? (mapped - 1) >> 1 : -(mapped >> 1) - 1;
        else
            error = (mapped & 1) == 0 ? mapped >> 1 : -((mapped + 1) >> 1);

        // Context update, T.87 §A.6.1, and bias computation, §A.6.2.
        b += error * _errorScale;
        a += Math.Abs(error);
        if (n == _reset)
        {
            a >>= 1;
            b >>= 1;
            n >>= 1;
        }

        n++;
        if (b <= -n)
        {
            b += n;
            if (correction > -128)
                correction--;
            if (b <= -n)
                b = -n + 1;
        }
        else if (b > 0)
        {
            b -= n;
            if (correction < 127)
                correction++;
            if (b > 0)
                b = 0;
        }

        context.A = a;
        context.B = b;
        context.C = correction;
        context.N = n;
        return Reconstruct(predicted, negative ? -error : error);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MedianPrediction(int ra, int rb, int rc)
    {
        var max = Math.Max(ra, rb);
        var min = Math.Min(ra, rb);
        if (rc >= max)
            return min;
        if (rc <= min)
            return max;
        return ra + rb - rc;
    }

    /// <summary>k = min{k' | 2^k'·N >= A} (T.87 §A.5.1, Code segment A.10).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int GolombParameter(int a, int n)
    {
        // floor(log2 A) - floor(log2 N) never exceeds k, so at most a step or two remain.
        var k = Math.Max(0, BitOperations.Log2((uint)a) - BitOperations.Log2((uint)n));
        while (((long)n << k) < a)
            k++;
        if (k > MaxGolombK)
            throw JpegLsErrors.Corrupt($"context statistics give Golomb parameter k = {k}", _reader.Position);
        return k;
    }

    /// <summary>Limited-length Golomb code LG(k, LIMIT), T.87 §A.5.3; an escape is LIMIT - qbpp - 1 zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadGolomb(int k, int escapeZeros) => _reader.ReadGolomb(k, escapeZeros, _qbpp);

    /// <summary>Reconstructed value Rx from prediction and error, with the modulo reduction of T.87 §A.4.3 undone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int Reconstruct(int predicted, int error)
    {
        var value = predicted + error * _errorScale;
        if (value < -_near)
            value += _range * _errorScale;
        else if (value > _maxVal + _near)
            value -= _range * _errorScale;
        if (value < 0)
            return 0;
        return value > _maxVal ? _maxVal : value;
    }
}
