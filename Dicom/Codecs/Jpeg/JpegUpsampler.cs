namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// Brings one line of a subsampled component to full resolution the way libjpeg does by default
/// ("fancy" upsampling, jdsample.c): a triangle filter for 2:1 horizontal (h2v1) and 2:1 in both directions
/// (h2v2), pixel replication for any other integral ratio. Edges repeat the outermost image sample.
/// </summary>
internal static class JpegUpsampler
{
    /// <summary>Fills <paramref name="output"/> (at least horizontal ratio × plane width) with output line <paramref name="outputLine"/>.</summary>
    public static void UpsampleLine(JpegPlane plane, int horizontalRatio, int verticalRatio, int outputLine, Span<short> output)
    {
        var samples = plane.Samples;
        var width = plane.ImageWidth;
        var inputLine = outputLine / verticalRatio;
        var line = samples.AsSpan(inputLine * plane.Stride, width);
        var fancy = horizontalRatio == 2 && width > 2;

        if (fancy && verticalRatio == 1)
        {
            UpsampleH2V1(line, output);
        }
        else if (fancy && verticalRatio == 2)
        {
            // The nearer neighbouring input line: above for the upper output line of a pair, below for the lower.
            var neighbour = Math.Clamp(outputLine % 2 == 0 ? inputLine - 1 : inputLine + 1, 0, plane.ImageHeight - 1);
            UpsampleH2V2(line, samples.AsSpan(neighbour * plane.Stride, width), output);
        }
        else
        {
            for (var x = 0; x < width * horizontalRatio; x++)
                output[x] = line[x / horizontalRatio];
        }
    }

    private static void UpsampleH2V1(ReadOnlySpan<short> line, Span<short> output)
    {
        var last = line.Length - 1;
        output[0] = line[0];
        output[1] = (short)((line[0] * 3 + line[1] + 2) >> 2);
        for (var x = 1; x < last; x++)
        {
            var centre = line[x] * 3;
            output[2 * x] = (short)((centre + line[x - 1] + 1) >> 2);
            output[2 * x + 1] = (short)((centre + line[x + 1] + 2) >> 2);
        }

        output[2 * last] = (short)((line[last] * 3 + line[last - 1] + 1) >> 2);
        output[2 * last + 1] = line[last];
    }

    private static void UpsampleH2V2(ReadOnlySpan<short> line, ReadOnlySpan<short> neighbour, Span<short> output)
    {
        var last = line.Length - 1;
        var previousSum = 0;
        var sum = line[0] * 3 + neighbour[0];
        var nextSum = line[1] * 3 + neighbour[1];
        output[0] = (short)((sum * 4 + 8) >> 4);
        output[1] = (short)((sum * 3 + nextSum + 7) >> 4);
        for (var x = 1; x < last; x++)
        {
            previousSum = sum;
            sum = nextSum;
            nextSum = line[x + 1] * 3 + neighbour[x + 1];
            output[2 * x] = (short)((sum * 3 + previousSum + 8) >> 4);
            output[2 * x + 1] = (short)((sum * 3 + nextSum + 7) >> 4);
        }

        previousSum = sum;
        sum = nextSum;
        output[2 * last] = (short)((sum * 3 + previousSum + 8) >> 4);
        output[2 * last + 1] = (short)((sum * 4 + 7) >> 4);
    }
}
