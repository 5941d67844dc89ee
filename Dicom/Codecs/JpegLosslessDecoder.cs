using HeadCt.Dicom.Codecs.Jpeg;

namespace HeadCt.Dicom.Codecs;

/// <summary>JPEG lossless, non-hierarchical, process 14 with any predictor 1–7 (ITU T.81 Annex H).</summary>
/// <remarks>
/// Serves both .57 (any selection value) and .70 (selection value 1). Samples are returned as coded: no
/// colour conversion, the point transform undone by a left shift.
/// </remarks>
public sealed class JpegLosslessDecoder : IFrameDecoder
{
    public IReadOnlyCollection<string> TransferSyntaxUids { get; } = [TransferSyntax.JpegLossless.Uid, TransferSyntax.JpegLosslessSv1.Uid];

    public void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination) =>
        JpegFrameDecoder.Decode(encodedFrame, info, destination);
}
