namespace HeadCt.Dicom.Codecs;

/// <summary>JPEG lossless (ITU T.81 Annex H). PLACEHOLDER until the codec lands: reports the syntax as unsupported.</summary>
public sealed class JpegLosslessDecoder : IFrameDecoder
{
    public IReadOnlyCollection<string> TransferSyntaxUids { get; } = [TransferSyntax.JpegLossless.Uid, TransferSyntax.JpegLosslessSv1.Uid];

    public void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination) =>
        throw new DicomException(DicomErrorKind.UnsupportedTransferSyntax, "JPEG lossless (ITU T.81 Annex H) decoding is not implemented yet");
}
