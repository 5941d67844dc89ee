using System.Numerics;
using System.Runtime.InteropServices;

namespace HeadCt.Dicom.Pixels;

/// <summary>
/// The one place where bits above High Bit are cleared (unsigned) or replaced by the sign bit (signed),
/// PS3.5 §8.1.1 / PS3.3 C.7.6.3.1: decoders and native copies hand over raw samples, this makes them values.
/// </summary>
internal static class SampleNormalizer
{
    public static void Apply(Span<byte> samples, PixelFormat format)
    {
        var info = format.Info;
        var bits = format.HighBit + 1;
        if (format.IsFloat || info.BitsAllocated == 1 || bits >= info.BytesPerSample * 8)
            return;
        switch (info.BytesPerSample)
        {
            case 1:
                Apply8(samples, bits, info.IsSigned);
                break;
            case 2:
                Apply16(MemoryMarshal.Cast<byte, ushort>(samples), bits, info.IsSigned);
                break;
            case 4:
                Apply32(MemoryMarshal.Cast<byte, uint>(samples), bits, info.IsSigned);
                break;
        }
    }

    private static void Apply8(Span<byte> samples, int bits, bool signed)
    {
        var shift = 8 - bits;
        for (var i = 0; i < samples.Length; i++)
            samples[i] = signed ? (byte)((sbyte)(samples[i] << shift) >> shift) : (byte)(samples[i] & ((1 << bits) - 1));
    }

    private static void Apply16(Span<ushort> samples, int bits, bool signed)
    {
        var shift = 16 - bits;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<ushort, Vector<ushort>>(samples);
            if (signed)
            {
                var signedVectors = MemoryMarshal.Cast<Vector<ushort>, Vector<short>>(vectors);
                for (var v = 0; v < signedVectors.Length; v++)
                    signedVectors[v] = Vector.ShiftRightArithmetic(Vector.ShiftLeft(signedVectors[v], shift), shift);
            }
            else
            {
                var mask = new Vector<ushort>((ushort)((1 << bits) - 1));
                for (var v = 0; v < vectors.Length; v++)
                    vectors[v] &= mask;
            }
            i = vectors.Length * Vector<ushort>.Count;
        }
        for (; i < samples.Length; i++)
            samples[i] = signed ? (ushort)((short)(samples[i] << shift) >> shift) : (ushort)(samples[i] & ((1 << bits) - 1));
    }

    private static void Apply32(Span<uint> samples, int bits, bool signed)
    {
        var shift = 32 - bits;
        for (var i = 0; i < samples.Length; i++)
            samples[i] = signed ? (uint)((int)(samples[i] << shift) >> shift) : samples[i] & ((1u << bits) - 1);
    }
}
