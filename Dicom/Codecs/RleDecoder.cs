namespace HeadCt.Dicom.Codecs;

/// <summary>RLE Lossless (PS3.5 Annex G). PLACEHOLDER until the codec lands: reports the syntax as unsupported.</summary>
public sealed class RleDecoder : IFrameDecoder
{
    public IReadOnlyCollection<string> TransferSyntaxUids { get; } = [TransferSyntax.RleLossless.Uid];

    public void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination) =>
        throw new DicomException(DicomErrorKind.UnsupportedTransferSyntax, "RLE Lossless (PS3.5 Annex G) decoding is not implemented yet");
}
