using HeadCt.Dicom.Codecs.Jpeg;

namespace HeadCt.Dicom.Codecs;

/// <summary>JPEG baseline (process 1, 8-bit) and extended (process 2 &amp; 4, 12-bit) with Huffman coding (ITU T.81).</summary>
/// <remarks>
/// Output matches libjpeg's default decode (islow IDCT, fancy upsampling), which produced the references.
/// Colour: YCbCr is converted to RGB only when the Photometric Interpretation is RGB and the stream is
/// YCbCr-coded; YBR_FULL / YBR_FULL_422 frames are returned in YCbCr, see <see cref="JpegColorRule"/>.
/// Progressive, hierarchical and arithmetic-coded streams raise <see cref="DicomErrorKind.UnsupportedPixelFormat"/>.
/// </remarks>
public sealed class JpegDecoder : IFrameDecoder
{
    public IReadOnlyCollection<string> TransferSyntaxUids { get; } = [TransferSyntax.JpegBaseline.Uid, TransferSyntax.JpegExtended.Uid];

    public void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination) =>
        JpegFrameDecoder.Decode(encodedFrame, info, destination);
}
