using System.Numerics;
using System.Runtime.InteropServices;

namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>
/// DC level shift (T.800 G.1.2), clipping to the component's range, rounding of irreversible samples, and the write
/// of one tile-component into the interleaved little-endian frame.
/// </summary>
internal static class J2kFrameWriter
{
    public static void Write(J2kImageSize size, J2kComponent info, J2kTileComponent component, int[]? ints, float[]? floats,
        int componentIndex, FrameInfo frame, Span<byte> destination)
    {
        var shift = info.IsSigned ? 0 : 1 << (info.Precision - 1);
        var min = info.IsSigned ? -(1 << (info.Precision - 1)) : 0;
        var max = info.IsSigned ? (1 << (info.Precision - 1)) - 1 : (1 << info.Precision) - 1;
        var width = component.Width;
        var originX = component.X0 - size.XOsiz;
        var originY = component.Y0 - size.YOsiz;
        if (BitConverter.IsLittleEndian && frame.SamplesPerPixel == 1 && frame.BytesPerSample == 2 && min >= short.MinValue && max <= ushort.MaxValue)
        {
            // a grey 16-bit frame (CT, MR): whole rows at a time
            var samples = MemoryMarshal.Cast<byte, short>(destination);
            for (var y = 0; y < component.Height; y++)
            {
                var target = samples.Slice((originY + y) * frame.Columns + originX, width);
                if (ints is not null)
                    WriteRow(ints.AsSpan(y * width, width), shift, min, max, target);
                else
                    WriteRow(floats.AsSpan(y * width, width), shift, min, max, target);
            }
            return;
        }
        WriteInterleaved(component, ints, floats, componentIndex, frame, destination, shift, min, max, originX, originY);
    }

    private static void WriteRow(ReadOnlySpan<int> source, int shift, int min, int max, Span<short> target)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vShift = new Vector<int>(shift);
            var vMin = new Vector<int>(min);
            var vMax = new Vector<int>(max);
            var step = Vector<int>.Count * 2;
            for (; x + step <= source.Length; x += step)
            {
                var low = Vector.Clamp(new Vector<int>(source.Slice(x)) + vShift, vMin, vMax);
                var high = Vector.Clamp(new Vector<int>(source.Slice(x + Vector<int>.Count)) + vShift, vMin, vMax);
                Vector.Narrow(low, high).CopyTo(target.Slice(x));
            }
        }
        for (; x < source.Length; x++)
            target[x] = (short)Math.Clamp(source[x] + shift, min, max);
    }

    private static void WriteRow(ReadOnlySpan<float> source, int shift, int min, int max, Span<short> target)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vShift = new Vector<int>(shift);
            var vMin = new Vector<int>(min);
            var vMax = new Vector<int>(max);
            var step = Vector<int>.Count * 2;
            for (; x + step <= source.Length; x += step)
            {
                // Vector.Round rounds half to even, as MathF.Round does below
                var low = Vector.ConvertToInt32(Vector.Round(new Vector<float>(source.Slice(x))));
                var high = Vector.ConvertToInt32(Vector.Round(new Vector<float>(source.Slice(x + Vector<int>.Count))));
                Vector.Narrow(Vector.Clamp(low + vShift, vMin, vMax), Vector.Clamp(high + vShift, vMin, vMax)).CopyTo(target.Slice(x));
            }
        }
        for (; x < source.Length; x++)
            target[x] = (short)Math.Clamp((int)MathF.Round(source[x]) + shift, min, max);
    }

    private static void WriteInterleaved(J2kTileComponent component, int[]? ints, float[]? floats,
        int componentIndex, FrameInfo frame, Span<byte> destination, int shift, int min, int max, int originX, int originY)
    {
        var samples = frame.SamplesPerPixel;
        var bytes = frame.BytesPerSample;
        var width = component.Width;
        for (var y = 0; y < component.Height; y++)
        {
            var target = ((long)(originY + y) * frame.Columns + originX) * samples + componentIndex;
            for (var x = 0; x < width; x++)
            {
                var value = ints is not null ? ints[y * width + x] : (int)MathF.Round(floats![y * width + x]);
                value = Math.Clamp(value + shift, min, max);
                var at = (int)((target + (long)x * samples) * bytes);
                destination[at] = (byte)value;
                if (bytes > 1)
                {
                    destination[at + 1] = (byte)(value >> 8);
                    if (bytes > 2)
                    {
                        var fill = (byte)(value < 0 ? 0xFF : 0);
                        for (var k = 2; k < bytes; k++)
                            destination[at + k] = fill;
                    }
                }
            }
        }
    }
}
