using HeadCt.Dicom.Codecs.Rle;

namespace HeadCt.Dicom.Codecs;

/// <summary>RLE Lossless (PS3.5 Annex G).</summary>
/// <remarks>
/// Segments are byte planes, colour-by-plane: for each sample, most significant byte first (PS3.5 §G.2).
/// They are written straight into the interleaved little-endian output, so the most significant byte plane
/// of a sample goes to the highest byte of that sample.
/// </remarks>
public sealed class RleDecoder : IFrameDecoder
{
    public IReadOnlyCollection<string> TransferSyntaxUids { get; } = [TransferSyntax.RleLossless.Uid];

    public void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination)
    {
        if (destination.Length != info.DecodedFrameLength)
            throw new ArgumentException($"destination must hold exactly {info.DecodedFrameLength} bytes", nameof(destination));

        var segments = RleSegmentTable.Read(encodedFrame);
        var bytesPerSample = info.BytesPerSample;
        var expectedSegments = info.SamplesPerPixel * bytesPerSample;
        if (segments.Count != expectedSegments)
            throw RleErrors.Corrupt(
                $"the RLE header declares {segments.Count} segments but {info.SamplesPerPixel} sample(s) of {bytesPerSample} byte(s) need {expectedSegments}", 0);

        var stride = expectedSegments;
        var pixelCount = destination.Length / stride;
        for (var segment = 0; segment < segments.Count; segment++)
        {
            var sample = segment / bytesPerSample;
            var significance = segment % bytesPerSample; // 0 = most significant byte
            var firstByte = sample * bytesPerSample + (bytesPerSample - 1 - significance);
            var start = segments.StartOf(segment);
            var end = segments.EndOf(segment);
            PackBitsSegmentDecoder.Decode(
                encodedFrame[(int)start..(int)end], start, destination[firstByte..], pixelCount, stride);
        }
    }
}
