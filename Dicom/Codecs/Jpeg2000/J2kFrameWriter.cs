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
        var samples = frame.SamplesPerPixel;
        var bytes = frame.BytesPerSample;
        var width = component.Width;
        var originX = component.X0 - size.XOsiz;
        var originY = component.Y0 - size.YOsiz;
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
