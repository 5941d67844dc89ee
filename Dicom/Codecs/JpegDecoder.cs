namespace HeadCt.Dicom.Codecs;

/// <summary>JPEG baseline/extended (ITU T.81). PLACEHOLDER until the codec lands: reports the syntax as unsupported.</summary>
public sealed class JpegDecoder : IFrameDecoder
{
    public IReadOnlyCollection<string> TransferSyntaxUids { get; } = [TransferSyntax.JpegBaseline.Uid, TransferSyntax.JpegExtended.Uid];

    public void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination) =>
        throw new DicomException(DicomErrorKind.UnsupportedTransferSyntax, "JPEG baseline/extended (ITU T.81) decoding is not implemented yet");
}
