namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// YCbCr to RGB as JFIF defines it (and PS3.3 §C.7.6.3.1.2 for YBR_FULL), in libjpeg's 16-bit fixed point
/// (jdcolor.c) so that results match the reference decoders exactly.
/// </summary>
internal static class YCbCrToRgb
{
    private const int ScaleBits = 16;
    private const int Half = 1 << (ScaleBits - 1);
    private const int CrToRed = 91881;    // 1.40200 · 2^16
    private const int CbToBlue = 116130;  // 1.77200 · 2^16
    private const int CrToGreen = 46802;  // 0.71414 · 2^16
    private const int CbToGreen = 22554;  // 0.34414 · 2^16

    /// <summary>Converts one line; on return the three spans hold R, G and B.</summary>
    public static void ConvertInPlace(Span<short> luma, Span<short> blueDifference, Span<short> redDifference, int center, int maxSample)
    {
        for (var x = 0; x < luma.Length; x++)
        {
            var y = luma[x];
            var cb = blueDifference[x] - center;
            var cr = redDifference[x] - center;
            var red = y + ((CrToRed * cr + Half) >> ScaleBits);
            var green = y + ((-CbToGreen * cb - CrToGreen * cr + Half) >> ScaleBits);
            var blue = y + ((CbToBlue * cb + Half) >> ScaleBits);
            luma[x] = (short)Math.Clamp(red, 0, maxSample);
            blueDifference[x] = (short)Math.Clamp(green, 0, maxSample);
            redDifference[x] = (short)Math.Clamp(blue, 0, maxSample);
        }
    }
}
