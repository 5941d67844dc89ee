using HeadCt.Dicom.Codecs.JpegLs;

namespace HeadCt.Dicom.Codecs;

/// <summary>JPEG-LS lossless and near-lossless (ISO/IEC 14495-1 = ITU-T T.87; PS3.5 §A.4.3).</summary>
/// <remarks>
/// Decodes 2- to 16-bit samples, one or more components in any interleave mode (ILV 0, 1, 2), with preset
/// coding parameters (LSE type 1) and restart intervals. Output is the sample values the codestream holds,
/// interleaved; mapping tables and point transform are reported as unsupported.
/// </remarks>
public sealed class JpegLsDecoder : IFrameDecoder
{
    public IReadOnlyCollection<string> TransferSyntaxUids { get; } = [TransferSyntax.JpegLsLossless.Uid, TransferSyntax.JpegLsNearLossless.Uid];

    public void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (destination.Length != info.DecodedFrameLength)
            throw new ArgumentException($"destination must hold exactly {info.DecodedFrameLength} bytes", nameof(destination));
        JpegLsCodestream.Decode(encodedFrame, info, destination);
    }
}
