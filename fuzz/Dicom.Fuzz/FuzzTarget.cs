using HeadCt.Dicom.Pixels;

namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// What every fuzzer runs on one input: parse (from memory, and header-only from a stream, which reads
/// through a different buffer path), read the image header, decode the pixels.
/// A <see cref="DicomException"/> is the library's documented answer to malformed input; any other
/// exception escaping here is a bug (AFL++ records it as a crash, the smoke fuzzer as a finding).
/// </summary>
internal static class FuzzTarget
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    // Decoding is skipped above this decoded size so that one input cannot make the fuzzer itself slow;
    // the library must still refuse a declared size that the data cannot hold before allocating it.
    private const long MaxDecodedBytes = 64L * 1024 * 1024;

    /// <summary>Runs the input through the library; returns how far the in-memory path got.</summary>
    public static FuzzOutcome Run(ReadOnlyMemory<byte> input)
    {
        ReadHeaderFromStream(input);
        return ReadAndDecode(input);
    }

    private static void ReadHeaderFromStream(ReadOnlyMemory<byte> input)
    {
        try
        {
            using var stream = new MemoryStream(input.ToArray(), writable: false);
            DicomImageHeader.From(DicomReader.Read(stream, HeaderOnly));
        }
        catch (DicomException)
        {
        }
    }

    private static FuzzOutcome ReadAndDecode(ReadOnlyMemory<byte> input)
    {
        DicomFile file;
        DicomImageHeader header;
        try
        {
            file = DicomReader.Read(input);
            header = DicomImageHeader.From(file);
        }
        catch (DicomException)
        {
            return FuzzOutcome.Rejected;
        }
        if (DecodedSize(header) > MaxDecodedBytes)
            return FuzzOutcome.Parsed;
        try
        {
            PixelDataDecoder.Decode(file);
            return FuzzOutcome.Decoded;
        }
        catch (DicomException)
        {
            return FuzzOutcome.Parsed;
        }
    }

    private static long DecodedSize(DicomImageHeader header)
    {
        var bytesPerSample = header.BitsAllocated <= 8 ? 1 : header.BitsAllocated <= 16 ? 2 : header.BitsAllocated <= 32 ? 4 : 8;
        return (long)header.Rows * header.Columns * Math.Max(1, header.SamplesPerPixel) * bytesPerSample * Math.Max(1, header.NumberOfFrames);
    }
}

/// <summary>How far one input got: rejected by the reader, parsed (pixels absent, too large or rejected by the decoder), or decoded.</summary>
internal enum FuzzOutcome
{
    Rejected,
    Parsed,
    Decoded,
}
