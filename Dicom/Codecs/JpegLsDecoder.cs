namespace HeadCt.Dicom.Codecs;

/// <summary>JPEG-LS (ISO 14495-1). PLACEHOLDER until the codec lands: reports the syntax as unsupported.</summary>
public sealed class JpegLsDecoder : IFrameDecoder
{
    public IReadOnlyCollection<string> TransferSyntaxUids { get; } = [TransferSyntax.JpegLsLossless.Uid, TransferSyntax.JpegLsNearLossless.Uid];

    public void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination) =>
        throw new DicomException(DicomErrorKind.UnsupportedTransferSyntax, "JPEG-LS (ISO 14495-1) decoding is not implemented yet");
}
