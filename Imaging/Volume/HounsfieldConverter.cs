using System.Buffers.Binary;
using HeadCt.Dicom.Codecs;

namespace HeadCt.Imaging.Volume;

/// <summary>
/// Stored values → HU through the Modality LUT's linear form, HU = stored × slope + intercept (PS3.3 C.11.1.1.2).
/// Pixels equal to Pixel Padding Value (PS3.3 C.7.5.1.1.2) are not patient and become air.
/// </summary>
internal static class HounsfieldConverter
{
    public static void Convert(ReadOnlySpan<byte> decoded, FrameInfo info, double slope, double intercept, int? padding, Span<float> target)
    {
        var (s, b) = ((float)slope, (float)intercept);
        var hasPadding = padding.HasValue;
        var pad = padding.GetValueOrDefault();
        switch (info.BytesPerSample)
        {
            case 2 when info.IsSigned:
                for (var i = 0; i < target.Length; i++)
                {
                    int value = BinaryPrimitives.ReadInt16LittleEndian(decoded.Slice(i * 2));
                    target[i] = hasPadding && value == pad ? CtVolume.AirHu : value * s + b;
                }
                break;
            case 2:
                for (var i = 0; i < target.Length; i++)
                {
                    int value = BinaryPrimitives.ReadUInt16LittleEndian(decoded.Slice(i * 2));
                    target[i] = hasPadding && value == pad ? CtVolume.AirHu : value * s + b;
                }
                break;
            case 1:
                for (var i = 0; i < target.Length; i++)
                {
                    int value = info.IsSigned ? (sbyte)decoded[i] : decoded[i];
                    target[i] = hasPadding && value == pad ? CtVolume.AirHu : value * s + b;
                }
                break;
            case 4:
                for (var i = 0; i < target.Length; i++)
                {
                    long value = info.IsSigned ? BinaryPrimitives.ReadInt32LittleEndian(decoded.Slice(i * 4)) : BinaryPrimitives.ReadUInt32LittleEndian(decoded.Slice(i * 4));
                    target[i] = hasPadding && value == pad ? CtVolume.AirHu : (float)(value * slope + intercept);
                }
                break;
            default:
                throw new ImagingException(ImagingErrorKind.UnsupportedPixels, $"{info.BitsAllocated}-bit samples are not supported for CT");
        }
    }
}
