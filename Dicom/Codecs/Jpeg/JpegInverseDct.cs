using System.Runtime.CompilerServices;

namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// Integer 8×8 inverse DCT with dequantization (ITU T.81 §A.3.3), using the Loeffler–Ligtenberg–Moschytz
/// factorisation with 13-bit fixed-point constants: the "islow" method that libjpeg (and so DCMTK and GDCM,
/// which made the corpus references) uses by default, so that lossy decodes agree with theirs.
/// </summary>
internal static class JpegInverseDct
{
    private const int ConstBits = 13;

    private const int Fix0298631336 = 2446;
    private const int Fix0390180644 = 3196;
    private const int Fix0541196100 = 4433;
    private const int Fix0765366865 = 6270;
    private const int Fix0899976223 = 7373;
    private const int Fix1175875602 = 9633;
    private const int Fix1501321110 = 12299;
    private const int Fix1847759065 = 15137;
    private const int Fix1961570560 = 16069;
    private const int Fix2053119869 = 16819;
    private const int Fix2562915447 = 20995;
    private const int Fix3072711026 = 25172;

    /// <param name="coefficients">64 quantized coefficients in natural order.</param>
    /// <param name="quantization">The component's quantization table in natural order.</param>
    /// <param name="output">Top-left sample of the 8×8 block in the component plane.</param>
    /// <param name="stride">Samples per plane row.</param>
    /// <param name="precision">Sample precision, 8 or 12 bits.</param>
    [SkipLocalsInit]
    public static void Transform(ReadOnlySpan<int> coefficients, ReadOnlySpan<ushort> quantization, Span<short> output, int stride, int precision)
    {
        // More intermediate precision for 8-bit data than 12-bit data keeps products within 32 bits.
        var pass1Bits = precision == 8 ? 2 : 1;
        var center = 1 << (precision - 1);
        var maxSample = (1 << precision) - 1;
        var wrapMask = (4 << precision) - 1;
        Span<int> workspace = stackalloc int[64];

        for (var column = 0; column < 8; column++)
        {
            if (coefficients[8 + column] == 0 && coefficients[16 + column] == 0 && coefficients[24 + column] == 0 &&
                coefficients[32 + column] == 0 && coefficients[40 + column] == 0 && coefficients[48 + column] == 0 &&
                coefficients[56 + column] == 0)
            {
                var dc = coefficients[column] * quantization[column] << pass1Bits;
                for (var row = 0; row < 8; row++)
                    workspace[row * 8 + column] = dc;
                continue;
            }

            Butterfly(
                coefficients[column] * quantization[column],
                coefficients[8 + column] * quantization[8 + column],
                coefficients[16 + column] * quantization[16 + column],
                coefficients[24 + column] * quantization[24 + column],
                coefficients[32 + column] * quantization[32 + column],
                coefficients[40 + column] * quantization[40 + column],
                coefficients[48 + column] * quantization[48 + column],
                coefficients[56 + column] * quantization[56 + column],
                ConstBits - pass1Bits,
                workspace[column..], 8);
        }

        Span<int> samples = stackalloc int[8];
        for (var row = 0; row < 8; row++)
        {
            var w = workspace.Slice(row * 8, 8);
            Butterfly(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], ConstBits + pass1Bits + 3, samples, 1);
            var line = output.Slice(row * stride, 8);
            for (var x = 0; x < 8; x++)
                line[x] = (short)RangeLimit(samples[x], center, maxSample, wrapMask);
        }
    }

    /// <summary>
    /// Clamps a level-shifted sample the way libjpeg's range-limit table does: the value is first taken modulo
    /// 4·2^P (so only wildly corrupt data wraps), then shifted by 2^(P-1) and clamped (§A.3.1 level shift).
    /// </summary>
    private static int RangeLimit(int value, int center, int maxSample, int wrapMask)
    {
        var half = (wrapMask + 1) >> 1;
        var wrapped = ((value + half) & wrapMask) - half;
        return Math.Clamp(wrapped + center, 0, maxSample);
    }

    /// <summary>One 1-D 8-point inverse DCT (even part, odd part, then the output butterflies), descaled by <paramref name="descaleBits"/>.</summary>
    private static void Butterfly(int in0, int in1, int in2, int in3, int in4, int in5, int in6, int in7, int descaleBits,
        Span<int> destination, int step)
    {
        // Even part.
        var z1 = (in2 + in6) * Fix0541196100;
        var tmp2 = z1 - in6 * Fix1847759065;
        var tmp3 = z1 + in2 * Fix0765366865;
        var tmp0 = (in0 + in4) << ConstBits;
        var tmp1 = (in0 - in4) << ConstBits;
        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;

        // Odd part.
        var o0 = in7;
        var o1 = in5;
        var o2 = in3;
        var o3 = in1;
        var a1 = o0 + o3;
        var a2 = o1 + o2;
        var a3 = o0 + o2;
        var a4 = o1 + o3;
        var a5 = (a3 + a4) * Fix1175875602;
        o0 *= Fix0298631336;
        o1 *= Fix2053119869;
        o2 *= Fix3072711026;
        o3 *= Fix1501321110;
        a1 *= -Fix0899976223;
        a2 *= -Fix2562915447;
        a3 = a3 * -Fix1961570560 + a5;
        a4 = a4 * -Fix0390180644 + a5;
        o0 += a1 + a3;
        o1 += a2 + a4;
        o2 += a2 + a3;
        o3 += a1 + a4;

        var round = 1 << (descaleBits - 1);
        destination[0] = (tmp10 + o3 + round) >> descaleBits;
        destination[7 * step] = (tmp10 - o3 + round) >> descaleBits;
        destination[1 * step] = (tmp11 + o2 + round) >> descaleBits;
        destination[6 * step] = (tmp11 - o2 + round) >> descaleBits;
        destination[2 * step] = (tmp12 + o1 + round) >> descaleBits;
        destination[5 * step] = (tmp12 - o1 + round) >> descaleBits;
        destination[3 * step] = (tmp13 + o0 + round) >> descaleBits;
        destination[4 * step] = (tmp13 - o0 + round) >> descaleBits;
    }
}
