using System.Buffers;
using System.IO.Compression;

namespace HeadCt.Dicom.Codecs.Deflate;

/// <summary>
/// Deflated Image Frame Compression (PS3.5 §8.2.16, §A.4.13; 1.2.840.10008.1.2.8.1): each frame is its native
/// little-endian byte stream compressed alone with raw Deflate (RFC 1951), one fragment per frame, padded with one
/// NUL to even length. Inflating gives the frame exactly as Encapsulated Uncompressed would hold it.
/// </summary>
internal static class DeflatedFrameInflater
{
    /// <summary>
    /// Inflates one frame into <paramref name="frame"/>, which must be the size of the native frame; output that stops
    /// short is corrupt, output beyond it (more than the frame) is refused without being produced.
    /// </summary>
    public static void Inflate(ReadOnlySpan<byte> encoded, Span<byte> frame, int frameIndex, DicomTag tag)
    {
        var compressed = ArrayPool<byte>.Shared.Rent(Math.Max(encoded.Length, 1));
        try
        {
            encoded.CopyTo(compressed);
            using var input = new MemoryStream(compressed, 0, encoded.Length, writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            var filled = 0;
            while (filled < frame.Length)
            {
                var read = inflater.Read(frame[filled..]);
                if (read == 0)
                    throw new DicomException(DicomErrorKind.CorruptPixelData,
                        $"Frame {frameIndex} inflates to {filled} bytes, the native frame needs {frame.Length}", tag);
                filled += read;
            }
            Span<byte> probe = stackalloc byte[1];
            if (inflater.Read(probe) != 0)
                throw new DicomException(DicomErrorKind.CorruptPixelData,
                    $"Frame {frameIndex} inflates to more than the {frame.Length} bytes of its native frame", tag);
        }
        catch (InvalidDataException e)
        {
            throw new DicomException(DicomErrorKind.CorruptPixelData, $"Frame {frameIndex} is not a valid Deflate stream: {e.Message}", tag, inner: e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }
}
