using System.Buffers.Binary;

namespace HeadCt.Dicom.Pixels;

/// <summary>
/// Copies one frame of native (uncompressed) pixel data into the decoded layout (PS3.5 §8.1.1, §8.2 for byte order;
/// PS3.3 C.7.6.3.1.3 for planar configuration; C.7.6.3.1.2 for YBR_FULL_422).
/// </summary>
internal static class NativeFrameReader
{
    /// <param name="value">The whole pixel data value.</param>
    /// <param name="wordSwapped">True when the value was stored big endian as 16-bit words (OW) although samples are 8-bit.</param>
    public static void Read(ReadOnlySpan<byte> value, bool bigEndian, bool wordSwapped, PixelFormat format, int frameIndex, Span<byte> destination)
    {
        var info = format.Info;
        var frameBits = format.StoredFrameBits;
        if (info.BitsAllocated == 1)
        {
            UnpackBits(value, frameIndex * frameBits, destination[..(int)format.FrameLength]);
            return;
        }
        var frameBytes = (int)(frameBits / 8);
        var start = (long)frameIndex * frameBytes;
        if (wordSwapped)
        {
            ReadWordSwapped(value, start, frameBytes, format, destination);
            return;
        }
        var source = value.Slice((int)start, frameBytes);
        if (format.IsYbr422Native)
            ExpandYbr422(source, destination);
        else if (info.PlanarConfiguration == 1)
            Interleave(source, info.SamplesPerPixel, info.BytesPerSample, destination);
        else
            source.CopyTo(destination);
        if (bigEndian && info.BytesPerSample > 1)
            SwapInPlace(destination[..(int)format.FrameLength], info.BytesPerSample);
    }

    /// <summary>8-bit samples in an OW value written big endian: each byte pair is reversed (PS3.5 §8.2; DCMTK agrees).</summary>
    private static void ReadWordSwapped(ReadOnlySpan<byte> value, long start, int frameBytes, PixelFormat format, Span<byte> destination)
    {
        var unswapped = new byte[frameBytes];
        for (var i = 0; i < frameBytes; i++)
        {
            var index = (start + i) ^ 1;
            unswapped[i] = index < value.Length ? value[(int)index] : (byte)0;
        }
        if (format.IsYbr422Native)
            ExpandYbr422(unswapped, destination);
        else if (format.Info.PlanarConfiguration == 1)
            Interleave(unswapped, format.Info.SamplesPerPixel, 1, destination);
        else
            unswapped.CopyTo(destination);
    }

    /// <summary>PS3.5 §8.1.1: 1-bit pixels packed from the least significant bit; a frame may start inside a byte.</summary>
    private static void UnpackBits(ReadOnlySpan<byte> value, long firstBit, Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var bit = firstBit + i;
            destination[i] = (byte)((value[(int)(bit >> 3)] >> (int)(bit & 7)) & 1);
        }
    }

    private static void Interleave(ReadOnlySpan<byte> planes, int samples, int bytesPerSample, Span<byte> destination)
    {
        var planeLength = planes.Length / samples;
        var pixels = planeLength / bytesPerSample;
        for (var s = 0; s < samples; s++)
        {
            var plane = planes.Slice(s * planeLength, planeLength);
            for (var p = 0; p < pixels; p++)
                plane.Slice(p * bytesPerSample, bytesPerSample).CopyTo(destination[((p * samples + s) * bytesPerSample)..]);
        }
    }

    /// <summary>Y1 Y2 Cb Cr per pixel pair becomes Y1 Cb Cr Y2 Cb Cr (PS3.3 C.7.6.3.1.2).</summary>
    private static void ExpandYbr422(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (int i = 0, o = 0; i + 3 < source.Length; i += 4, o += 6)
        {
            destination[o] = source[i];
            destination[o + 1] = source[i + 2];
            destination[o + 2] = source[i + 3];
            destination[o + 3] = source[i + 1];
            destination[o + 4] = source[i + 2];
            destination[o + 5] = source[i + 3];
        }
    }

    private static void SwapInPlace(Span<byte> data, int size)
    {
        switch (size)
        {
            case 2:
                var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(words, words);
                break;
            case 4:
                var dwords = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(dwords, dwords);
                break;
            case 8:
                var qwords = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(qwords, qwords);
                break;
        }
    }
}
