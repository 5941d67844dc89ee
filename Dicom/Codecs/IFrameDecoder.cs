namespace HeadCt.Dicom.Codecs;

/// <summary>
/// Decodes one compressed frame (all its fragments concatenated) of one family of transfer syntaxes.
/// </summary>
/// <remarks>
/// Contract: <paramref name="destination"/> has exactly <see cref="FrameInfo.DecodedFrameLength"/> bytes and
/// receives samples interleaved (colour-by-pixel, whatever the stored planar configuration), little endian,
/// <see cref="FrameInfo.BytesPerSample"/> bytes each, as the codec produced them. Masking above High Bit and
/// sign extension from Bits Stored happen afterwards in one shared place, not in codecs.
/// Colour: the decoder returns the colour space the codestream holds (a JPEG baseline YCbCr stream is
/// converted to RGB only when its photometric interpretation says RGB, as libjpeg does), see each codec.
/// Malformed input throws <see cref="DicomException"/> with kind <see cref="DicomErrorKind.CorruptPixelData"/>
/// and the byte offset inside the frame; never an IndexOutOfRangeException, never a hang.
/// </remarks>
public interface IFrameDecoder
{
    /// <summary>Transfer syntax UIDs this decoder handles.</summary>
    IReadOnlyCollection<string> TransferSyntaxUids { get; }

    void Decode(ReadOnlySpan<byte> encodedFrame, FrameInfo info, Span<byte> destination);
}
