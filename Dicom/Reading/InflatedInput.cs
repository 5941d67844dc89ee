using System.IO.Compression;

namespace HeadCt.Dicom.Reading;

/// <summary>
/// The data set of a Deflated Explicit VR Little Endian file (PS3.5 §A.5), inflated only as far as the parser reads.
/// Inflating more than 256 bytes per compressed byte beyond 32 MiB is refused: real DICOM data sets stay far below
/// that, a decompression bomb (deflate reaches ~1000:1 on zeros) does not.
/// </summary>
internal static class InflatedInput
{
    private const long FreeAllowance = 32L << 20;
    private const long MaxRatio = 256;

    public static ByteSource Open(Stream compressed, long compressedOffset)
    {
        var counted = new CountingReadStream(compressed);
        var inflater = new DeflateStream(counted, CompressionMode.Decompress);
        return new ByteSource(inflater, inflatedBytes =>
        {
            if (inflatedBytes > FreeAllowance && inflatedBytes > MaxRatio * counted.BytesRead)
                throw new DicomException(DicomErrorKind.InvalidValueLength,
                    $"The deflated data set inflates past {inflatedBytes} bytes from {counted.BytesRead} compressed bytes; refusing a decompression bomb",
                    offset: compressedOffset + counted.BytesRead);
        });
    }
}
