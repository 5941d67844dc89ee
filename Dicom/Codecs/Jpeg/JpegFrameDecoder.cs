namespace HeadCt.Dicom.Codecs.Jpeg;

/// <summary>
/// Decodes one JPEG frame (ITU T.81) of any process this library supports: baseline and extended sequential
/// DCT with Huffman coding (SOF0, SOF1) and lossless Huffman (SOF3). Both DICOM JPEG decoders share it, so a
/// frame whose process does not match its transfer syntax still decodes.
/// </summary>
internal static class JpegFrameDecoder
{
    public static void Decode(ReadOnlySpan<byte> data, FrameInfo info, Span<byte> destination)
    {
        if (destination.Length != info.DecodedFrameLength)
            throw new ArgumentException($"destination must hold exactly {info.DecodedFrameLength} bytes", nameof(destination));

        var stream = new JpegCodestream();
        var position = JpegCodestream.ReadStartOfImage(data);
        var scan = stream.ReadToNextScan(data, ref position)
            ?? throw JpegErrors.Corrupt("the JPEG stream has no scan", position);
        var frame = stream.Frame!;
        CheckFrameMatchesImage(frame, info);

        if (frame.IsLossless)
        {
            using var lossless = JpegLosslessFrame.Create(frame, info);
            for (; scan is not null; scan = stream.ReadToNextScan(data, ref position))
                position = lossless.DecodeScan(data, position, scan, stream);
            lossless.WriteTo(destination, info);
        }
        else
        {
            using var sequential = JpegSequentialFrame.Create(frame, info);
            for (; scan is not null; scan = stream.ReadToNextScan(data, ref position))
                position = sequential.DecodeScan(data, position, scan, stream);
            sequential.WriteTo(destination, info, JpegColorRule.ShouldConvertToRgb(stream, info));
        }
    }

    private static void CheckFrameMatchesImage(JpegFrameHeader frame, FrameInfo info)
    {
        if (frame.Lines == 0)
            throw JpegErrors.Unsupported("JPEG streams that define their height with a DNL marker are not supported", 0);
        if (frame.Lines != info.Rows || frame.SamplesPerLine != info.Columns)
            throw JpegErrors.Corrupt(
                $"JPEG frame is {frame.SamplesPerLine}x{frame.Lines} but the image is {info.Columns}x{info.Rows}", 0);
        if (frame.Components.Length != info.SamplesPerPixel)
            throw JpegErrors.Corrupt(
                $"JPEG frame has {frame.Components.Length} components but the image has {info.SamplesPerPixel} samples per pixel", 0);
    }
}
