using System.Buffers;
using System.Buffers.Binary;

namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>Turns decoded component planes into the interleaved little-endian output of one frame.</summary>
internal static class JpegImageWriter
{
    public static void Write(JpegFrameHeader frame, JpegPlane[] planes, Span<byte> destination, FrameInfo info, bool convertYCbCrToRgb)
    {
        var width = frame.SamplesPerLine;
        var componentCount = planes.Length;
        var lineLength = width + 16 * frame.MaxHorizontalSampling;
        var buffer = ArrayPool<short>.Shared.Rent(lineLength * componentCount);
        try
        {
            var maxSample = (1 << frame.Precision) - 1;
            var center = 1 << (frame.Precision - 1);
            for (var y = 0; y < frame.Lines; y++)
            {
                var y0 = Line(frame, planes, 0, y, buffer.AsSpan(0, lineLength));
                var outputLine = destination.Slice(y * width * componentCount * info.BytesPerSample, width * componentCount * info.BytesPerSample);
                if (componentCount == 3)
                {
                    var c1 = Line(frame, planes, 1, y, buffer.AsSpan(lineLength, lineLength));
                    var c2 = Line(frame, planes, 2, y, buffer.AsSpan(2 * lineLength, lineLength));
                    if (convertYCbCrToRgb)
                        YCbCrToRgb.ConvertInPlace(y0[..width], c1[..width], c2[..width], center, maxSample);
                    for (var x = 0; x < width; x++)
                    {
                        Store(outputLine, 3 * x, y0[x], info.BytesPerSample);
                        Store(outputLine, 3 * x + 1, c1[x], info.BytesPerSample);
                        Store(outputLine, 3 * x + 2, c2[x], info.BytesPerSample);
                    }
                }
                else
                {
                    for (var c = 1; c < componentCount; c++)
                    {
                        var other = Line(frame, planes, c, y, buffer.AsSpan(c * lineLength, lineLength));
                        for (var x = 0; x < width; x++)
                            Store(outputLine, x * componentCount + c, other[x], info.BytesPerSample);
                    }

                    for (var x = 0; x < width; x++)
                        Store(outputLine, x * componentCount, y0[x], info.BytesPerSample);
                }
            }
        }
        finally
        {
            ArrayPool<short>.Shared.Return(buffer);
        }
    }

    private static Span<short> Line(JpegFrameHeader frame, JpegPlane[] planes, int component, int y, Span<short> scratch)
    {
        var plane = planes[component];
        var horizontalRatio = frame.MaxHorizontalSampling / frame.Components[component].HorizontalSampling;
        var verticalRatio = frame.MaxVerticalSampling / frame.Components[component].VerticalSampling;
        if (horizontalRatio == 1 && verticalRatio == 1)
        {
            plane.Samples.AsSpan(y * plane.Stride, frame.SamplesPerLine).CopyTo(scratch);
            return scratch;
        }

        JpegUpsampler.UpsampleLine(plane, horizontalRatio, verticalRatio, y, scratch);
        return scratch;
    }

    private static void Store(Span<byte> line, int sampleIndex, short value, int bytesPerSample)
    {
        if (bytesPerSample == 1)
            line[sampleIndex] = (byte)value;
        else
            BinaryPrimitives.WriteInt16LittleEndian(line[(sampleIndex * 2)..], value);
    }
}
